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

from django.db.models.functions import Length

from research.models import ReferenceCreator

from .models.person import fold


def initial(name: str) -> str:
    """First letter of a given name, folded: "Immaculata" -> "i", "" -> ""."""
    return fold(name)[:1]


def names_match(given: str, family: str, creator_given: str, creator_family: str) -> bool:
    if not family or fold(family) != fold(creator_family):
        return False
    return not (given and creator_given) or initial(given) == initial(creator_given)


def matching_references(given_name: str, family_name: str, *, limit: int = 50) -> list[Any]:
    """References whose authors include the person, newest first.

    One query: every creator of every reference that has an author with a family name of the
    right length, with its reference. Matching then happens in Python, and each reference gets
    its creators as if prefetched, so formatting the citations costs no further query.
    """
    family = unicodedata.normalize("NFC", (family_name or "").strip())
    if not family:
        return []
    candidates = (
        ReferenceCreator.objects.filter(role="author", literal="")
        .annotate(family_length=Length("family"))
        .filter(family_length=len(family))
        .values("reference_id")
    )
    rows = (
        ReferenceCreator.objects.filter(reference_id__in=candidates)
        .select_related("reference")
        .order_by("reference_id", "sort_order", "pk")
    )
    by_reference: dict[int, list[Any]] = {}
    for row in rows:
        by_reference.setdefault(row.reference_id, []).append(row)
    references = []
    for creators in by_reference.values():
        if any(
            c.role == "author"
            and not c.literal
            and names_match(given_name, family, c.given, c.family)
            for c in creators
        ):
            reference = creators[0].reference
            # Reference is a ClusterableModel: assigning its child relation keeps the rows in
            # memory (modelcluster's public API), so ``reference.creators.all()`` and the
            # citation formatting read them without a query. The reference is never saved here.
            reference.creators = creators
            references.append(reference)
    references.sort(key=lambda r: (-(r.issued_year or 0), r.title.casefold()))
    return references[:limit]
