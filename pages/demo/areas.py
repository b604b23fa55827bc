"""The six areas of intervention, in English and Italian, from the movement's text."""

from __future__ import annotations

from typing import Any

from ..models import Area
from .context import DemoContext

AREAS: list[dict[str, Any]] = [
    {
        "slug": "health",
        "name": "Health",
        "colour": "rose",
        "icon": "heart",
        "short_description": (
            "Listening, psychosocial well-being and human connection as an integral part of care."
        ),
        "it": {
            "Health": "Salute",
            "Listening, psychosocial well-being and human connection as an integral part of "
            "care.": "Ascolto, benessere psicosociale e relazione umana come parte integrante "
            "della cura.",
        },
    },
    {
        "slug": "education",
        "name": "Education",
        "colour": "sky",
        "icon": "book",
        "short_description": (
            "A pedagogy of kindness that cultivates empathy, respect and cooperation from early "
            "childhood."
        ),
        "it": {
            "Education": "Educazione",
            "A pedagogy of kindness that cultivates empathy, respect and cooperation from early "
            "childhood.": "Una pedagogia della gentilezza che coltiva empatia, rispetto e "
            "cooperazione fin dalla prima infanzia.",
        },
    },
    {
        "slug": "environment",
        "name": "Environment",
        "colour": "leaf",
        "icon": "leaf",
        "short_description": (
            "Reconnecting with the Earth: sustainable development and conscious ecology."
        ),
        "it": {
            "Environment": "Ambiente",
            "Reconnecting with the Earth: sustainable development and conscious ecology.": (
                "Riconnettersi con la Terra: sviluppo sostenibile ed ecologia consapevole."
            ),
        },
    },
    {
        "slug": "economy",
        "name": "Economy",
        "colour": "sun",
        "icon": "hands",
        "short_description": (
            "An economy measured in human impact, healthy relationships and shared growth."
        ),
        "it": {
            "Economy": "Economia",
            "An economy measured in human impact, healthy relationships and shared growth.": (
                "Un'economia misurata in impatto umano, relazioni sane e crescita condivisa."
            ),
        },
    },
    {
        "slug": "culture",
        "name": "Culture",
        "colour": "violet",
        "icon": "palette",
        "short_description": (
            "Artists, thinkers and creatives who carry messages of beauty, dialogue and "
            "transformation."
        ),
        "it": {
            "Culture": "Cultura",
            "Artists, thinkers and creatives who carry messages of beauty, dialogue and "
            "transformation.": "Artisti, pensatori e creativi che portano messaggi di bellezza, "
            "dialogo e trasformazione.",
        },
    },
    {
        "slug": "tourism",
        "name": "Tourism",
        "colour": "teal",
        "icon": "compass",
        "short_description": (
            "Conscious, relational, slow tourism that leaves every place better than it was."
        ),
        "it": {
            "Tourism": "Turismo",
            "Conscious, relational, slow tourism that leaves every place better than it was.": (
                "Un turismo consapevole, relazionale e lento, che lascia ogni luogo migliore di "
                "come lo ha trovato."
            ),
        },
    },
]


def ensure_areas(ctx: DemoContext) -> dict[str, Area]:
    """The six English rows and their Italian translations (same ``slug`` in both)."""
    result = {}
    for order, spec in enumerate(AREAS):
        values = {k: spec[k] for k in ("name", "colour", "icon", "short_description")}
        area, changed = ctx.upsert(
            Area, {"slug": spec["slug"], "locale": ctx.en}, {**values, "sort_order": order}
        )
        ctx.translate(area, {**spec["it"], spec["slug"]: spec["slug"]}, changed=changed)
        result[spec["slug"]] = area
    return result
