"""Match a person with the creators of references in the research library.

Filled in against ``research.Reference`` once it exists; until then a person simply has no
references, and the team pages keep working.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps

from .models.person import fold


def initial(name: str) -> str:
    """First letter of a given name, folded: "Immaculata" -> "i", "" -> ""."""
    return fold(name)[:1]


def matching_references(given_name: str, family_name: str, *, limit: int = 50) -> list[Any]:
    try:
        apps.get_model("research", "Reference")
    except LookupError:
        return []
    return []
