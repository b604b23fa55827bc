"""The home page's sections: mission, who we are, evidence, areas, projects, stories, the
founder's words, the network and the newsletter, in English with the Italian strings.

The workplace figures are those of Zak (2017), stated as the source states them (high- vs
low-trust companies, self-reported): the movement's text called 50% "creativity" and credited
a different article; see research/demo.py.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps

from ..models import HomePage
from .context import DemoContext
from .data import demo_data, english, translations
from .images import ensure_image

HOME = demo_data("pages")["home"]
EVIDENCE = HOME["evidence"]
# The home page's own fields, its sections and figures: translated together once all are set.
STRINGS_IT = translations(HOME)


def _references(ctx: DemoContext) -> dict[str, Any]:
    """The research library's records by short key (from research.demo, or looked up)."""
    refs = ctx.data.get("references")
    if refs:
        return refs
    model = apps.get_model("research", "Reference")  # by name: pages never imports research
    zak = model.objects.filter(title__startswith="The Neuroscience of Trust").first()
    return {"zak2017": zak} if zak else {}


def evidence(ctx: DemoContext) -> list[dict[str, Any]]:
    """The home page's figures as statistic blocks, each linked to its source reference."""
    source = _references(ctx).get(EVIDENCE["source"])
    shared = english({key: EVIDENCE[key] for key in ("context", "source_text")})
    return [
        {
            "type": "statistic",
            "value": {
                **english(figure),
                **shared,
                "source": source.pk if source else None,
                "source_url": "",
            },
        }
        for figure in EVIDENCE["figures"]
    ]


def _update(ctx: DemoContext, values: dict[str, Any]) -> None:
    """Apply ``values`` to the English home page; publish and re-translate only on change."""
    home = HomePage.objects.get(pk=ctx.data["home"].pk)
    from .context import _assign

    changed = _assign(home, values)
    if changed:
        home.save_revision().publish()
        ctx.counts["updated"] += 1
    else:
        ctx.counts["unchanged"] += 1
    ctx.translate(home, STRINGS_IT, changed=changed)
    ctx.data["home"] = home


def ensure_home_content(ctx: DemoContext) -> None:
    spec = HOME["hero_image"]
    image = ensure_image(ctx, spec["title"], spec["palette"], spec["seed"], spec["alt"])
    _update(ctx, {**english(HOME["content"]), "hero_image": image})


def link_home(ctx: DemoContext) -> None:
    """After every builder ran: link the figures to the research library, and the page links."""
    pages = ctx.data
    values = {
        "evidence": evidence(ctx),
        "hero_button_page": pages.get("network_page"),
        "network_page": pages.get("network_page"),
        "evidence_page": pages.get("impact_page"),
        "projects_page": pages.get("project_index"),
    }
    _update(ctx, {key: value for key, value in values.items() if value is not None})
