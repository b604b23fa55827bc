"""Match a person with the creators of references in the research library.

Names are never typed twice: a reference lists its authors (``research.ReferenceCreator``) and a
person has a family and a given name; they match when the family names are equal once case and
accents are folded ("De Vivo" = "de vivo", "Lùmera" = "Lumera") and, when both sides have a given
name, the first initials agree ("De Vivo, I." = Immaculata De Vivo).

Accent folding is done in Python because SQLite and PostgreSQL disagree on accent-insensitive
comparison; the database narrows the candidates by the family name's length first, so the work
stays two queries (plus the listing's prefetches) whatever the size of the library.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from django.apps import apps
from django.db.models.functions import Length

from .models.person import fold


def initial(name: str) -> str:
    """First letter of a given name, folded: "Immaculata" -> "i", "" -> ""."""
    return fold(name)[:1]


def names_match(given: str, family: str, creator_given: str, creator_family: str) -> bool:
    if not family or fold(family) != fold(creator_family):
        return False
    return not (given and creator_given) or initial(given) == initial(creator_given)


def matching_references(given_name: str, family_name: str, *, limit: int = 50) -> list[Any]:
    """References whose authors include the person, newest first (empty without the library)."""
    try:
        reference = apps.get_model("research", "Reference")
        creator = apps.get_model("research", "ReferenceCreator")
    except LookupError:
        return []
    family = unicodedata.normalize("NFC", family_name.strip())
    if not family:
        return []
    candidates = (
        creator.objects.filter(role="author", literal="")
        .annotate(family_length=Length("family"))
        .filter(family_length=len(family))
        .values_list("reference_id", "given", "family")
    )
    ids = {
        reference_id
        for reference_id, given, other_family in candidates
        if names_match(given_name, family, given, other_family)
    }
    if not ids:
        return []
    queryset = reference.objects.filter(pk__in=ids).order_by("-issued_year", "title")
    if hasattr(queryset, "for_listing"):
        queryset = queryset.for_listing()
    return list(queryset[:limit])
