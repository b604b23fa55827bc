"""Key figures of the area pages, each linked to its checked source in the research library.

The figures are listed with their section in ``pages/demo.yaml``. Runs in ``finish`` because the
references are created by research/demo.py (ORDER 10). Wording follows the checked findings:
Podsakoff et al. (2009) measured organizational citizenship behaviour, not "kindness"; Curry et
al. (2018) measured the well-being of the people performing kind acts, not their physical health.
"""

from __future__ import annotations

from ..models import SectionPage
from .context import DemoContext
from .data import english, translations
from .home import _references
from .sections import SECTIONS, section_strings


def link_section_figures(ctx: DemoContext) -> None:
    """The ``key_figures`` of each section in ``demo.yaml``, linked to their references."""
    refs = _references(ctx)
    for slug, spec in SECTIONS.items():
        figures = spec.get("key_figures")
        section = (ctx.data.get("sections") or {}).get(slug)
        if not figures or section is None:
            continue
        section = SectionPage.objects.get(pk=section.pk)
        stream = []
        for figure in figures:
            ref = refs.get(figure["source"])
            text = english({key: figure[key] for key in ("value", "label", "context")})
            stream.append(
                {
                    "type": "statistic",
                    "value": {
                        **text,
                        "source": ref.pk if ref else None,
                        "source_text": english(figure["source_text"]),
                        "source_url": "",
                    },
                }
            )
        page, changed = ctx.upsert_page(
            section.get_parent(), SectionPage, section.slug, {"key_figures": stream}
        )
        ctx.translate(page, translations(figures) | section_strings(spec), changed=changed)
