"""The "Areas" overview page and one section page per area, from the movement's text."""

from __future__ import annotations

from typing import Any

from ..models import Area, SectionPage, StandardPage
from .context import DemoContext
from .data import demo_data, english, translations
from .images import ensure_image

P = "<p>{}</p>".format

AREA_PAGES = demo_data("pages")["area_pages"]
OVERVIEW = AREA_PAGES["overview"]
HEADINGS = AREA_PAGES["headings"]
SECTIONS = AREA_PAGES["sections"]


def section_strings(spec: dict[str, Any]) -> dict[str, str]:
    """The Italian strings of a section page: its texts, the search description (the intro's
    first 160 characters in either language) and the headings every section page shares."""
    intro = spec["intro"]
    texts = {key: value for key, value in spec.items() if key != "key_figures"}
    return translations(texts) | {intro["en"][:160]: intro["it"][:160]} | translations(HEADINGS)


def ensure_sections(ctx: DemoContext, areas: dict[str, Area]) -> list[SectionPage]:
    home = ctx.data["home"]
    overview_fields = english(OVERVIEW)
    overview_slug = overview_fields.pop("slug")
    overview_fields.pop("cards_heading")
    overview, changed = ctx.upsert_page(home, StandardPage, overview_slug, overview_fields)
    ctx.translate(overview, translations(OVERVIEW), changed=changed)
    headings = english(HEADINGS)
    pages = []
    for index, (slug, spec) in enumerate(SECTIONS.items()):
        area = areas[slug]
        fields = english(spec)
        image = ensure_image(
            ctx,
            f"Demo: {fields['title']}",
            area.colour,
            10 + index,
            f"Abstract illustration in the colours of the {fields['title'].lower()} area",
        )
        values = {
            "title": fields["title"],
            "area": area,
            "intro": P(fields["intro"]),
            "motto": fields["motto"],
            "hero_image": image,
            "search_description": fields["intro"][:160],
            **headings,
        }
        page, changed = ctx.upsert_page(overview, SectionPage, fields["slug"], values)
        ctx.translate(page, section_strings(spec), changed=changed)
        pages.append(page)
    _ensure_overview_cards(ctx, overview, pages)
    ctx.data["main_menu"].append(overview)
    ctx.data["sections"] = {page.area.slug: page for page in pages}
    return pages


def _ensure_overview_cards(
    ctx: DemoContext, overview: StandardPage, pages: list[SectionPage]
) -> None:
    heading = english(OVERVIEW["cards_heading"])
    body = [{"type": "card_grid", "value": {"heading": heading, "pages": [p.pk for p in pages]}}]
    overview = StandardPage.objects.get(pk=overview.pk)
    page, changed = ctx.upsert_page(
        overview.get_parent(), StandardPage, overview.slug, {"body": body}
    )
    if changed:
        ctx.translate(page, translations(OVERVIEW))
        translated = page.get_translation(ctx.it)
        it_pages = [p.get_translation(ctx.it).pk for p in pages]
        block = translated.body[0]
        if [p.pk for p in block.value["pages"]] != it_pages:
            translated.body = [
                {
                    "type": "card_grid",
                    "value": {"heading": block.value["heading"], "pages": it_pages},
                }
            ]
            translated.save_revision().publish()
