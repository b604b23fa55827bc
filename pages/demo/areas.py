"""The six areas of intervention, in English and Italian, from the movement's text."""

from __future__ import annotations

from ..models import Area
from .context import DemoContext
from .data import demo_data, english, translations

AREAS = demo_data("pages")["areas"]


def ensure_areas(ctx: DemoContext) -> dict[str, Area]:
    """The six English rows and their Italian translations (same ``slug`` in both)."""
    result = {}
    for order, spec in enumerate(AREAS):
        values = english(spec)
        slug = values.pop("slug")
        area, changed = ctx.upsert(
            Area, {"slug": slug, "locale": ctx.en}, {**values, "sort_order": order}
        )
        ctx.translate(area, {**translations(spec), slug: slug}, changed=changed)
        result[spec["slug"]] = area
    return result
