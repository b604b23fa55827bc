"""Field-by-field merging of an incoming record (a file entry, a Zotero item) into the library.

The rule every source obeys: a record is never made poorer without a person choosing it, field by
field. Each difference between the library's record and the incoming one is one ``FieldChange``:

* ``add``: the library has nothing there; taking the incoming value only enriches the record;
* ``replace``: both have a value and they differ, neither visibly richer;
* ``poorer``: the incoming value has less (a shorter author list, initials for full names, the
  title without its subtitle, a first page without the last, fewer ISBNs, a vaguer type).

What is applied unless someone chooses otherwise (``FieldChange.default``): additions and
replacements on unverified records; never a poorer value; nothing at all on a verified record,
whose every change must be ticked in the admin preview. The command line takes the defaults and
reports what it kept.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .csl import ReferenceData
from .identifiers import normalise_title, split_isbns
from .models import CslType, Reference, ReferenceCreator

ADD, REPLACE, POORER = "add", "replace", "poorer"
CREATORS = "creators"

# Model fields an import may change, in the order the preview lists them.
COMPARED = [
    "csl_type",
    "title",
    "title_short",
    "container_title",
    "container_title_short",
    "issued_year",
    "issued_month",
    "issued_day",
    "volume",
    "issue",
    "page",
    "publisher",
    "publisher_place",
    "edition",
    "doi",
    "isbn",
    "issn",
    "pmid",
    "url",
    "accessed",
    "open_access_url",
    "licence",
    "abstract",
    "language",
    "keywords",
]
# Types that say less than any specific one: moving a record to them loses information.
VAGUE_TYPES = {CslType.DOCUMENT, CslType.REPORT}


@dataclass
class FieldChange:
    """One field where the incoming record differs from the library's."""

    name: str  # model field name, or "creators"
    label: str
    old: str  # both as shown to a person
    new: str
    kind: str  # ADD, REPLACE or POORER
    default: bool  # applied unless a person chooses otherwise
    value: Any = None  # what is written when applied
    key: str = ""  # names the choice in the admin preview ("3:title"), set by the plan

    @property
    def explanation(self) -> str:
        if self.kind == ADD:
            return _("the library has nothing here")
        if self.kind == POORER:
            return _("the incoming value has less than the library's")
        return _("the values differ")


def _shown(value: Any) -> str:
    if value in (None, ""):
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _label(name: str) -> str:
    if name == CREATORS:
        return str(_("authors and editors"))
    return str(getattr(Reference._meta.get_field(name), "verbose_name", name))


def _same(name: str, old: Any, new: Any) -> bool:
    if name == "isbn":
        return set(split_isbns(old)) == set(split_isbns(new))
    if name == "keywords":
        return _words(old) == _words(new)
    if isinstance(old, str) and isinstance(new, str):
        return " ".join(old.split()) == " ".join(new.split())
    return old == new


def _words(value: str) -> set[str]:
    return {w.strip().lower() for w in (value or "").split(",") if w.strip()}


def _poorer(name: str, old: Any, new: Any) -> bool:
    """Whether ``new`` visibly holds less than ``old`` (the two already differ)."""
    if name == "csl_type":
        return new in VAGUE_TYPES and old not in VAGUE_TYPES
    if name == "page":
        return "-" in old and "-" not in new
    if name == "isbn":
        return set(split_isbns(new)) < set(split_isbns(old))
    if name == "keywords":
        return _words(new) < _words(old)
    if isinstance(old, str) and isinstance(new, str):
        short, long = normalise_title(new), normalise_title(old)
        return len(short) < len(long) and long.startswith(short)
    return False


def _creator_tuple(creator: dict[str, str] | ReferenceCreator) -> tuple[str, str, str, str]:
    if isinstance(creator, dict):
        return (
            creator.get("role", "author"),
            creator.get("family", ""),
            creator.get("given", ""),
            creator.get("literal", ""),
        )
    return (creator.role, creator.family, creator.given, creator.literal)


def _creators_shown(creators: list[tuple[str, str, str, str]]) -> str:
    names = [
        literal or (f"{family}, {given}" if given else family)
        for _r, family, given, literal in creators
    ]
    return "; ".join(names)


def _creators_poorer(old: Sequence[tuple[str, ...]], new: Sequence[tuple[str, ...]]) -> bool:
    """Fewer people, or the same people with shorter given names (initials for full names)."""
    if len(new) < len(old):
        return True
    if len(new) > len(old):
        return False
    shorter = False
    for (_r1, fam_old, giv_old, lit_old), (_r2, fam_new, giv_new, lit_new) in zip(
        old, new, strict=True
    ):
        if normalise_title(fam_old or lit_old) != normalise_title(fam_new or lit_new):
            return False
        if len(giv_new.replace(".", "").replace(" ", "")) < len(
            giv_old.replace(".", "").replace(" ", "")
        ):
            shorter = True
    return shorter


def changes(existing: Reference, data: ReferenceData) -> list[FieldChange]:
    """Every field where ``data`` would change ``existing``, classified, with its default."""
    verified = existing.is_verified
    out: list[FieldChange] = []
    for name in COMPARED:
        new = data.values.get(name)
        if new in (None, ""):
            continue  # a missing value never erases one
        old = getattr(existing, name)
        if _same(name, old, new):
            continue
        empty = old in (None, "")
        out.append(
            _change(
                name,
                (_shown_field(existing, name, old), _shown_field(existing, name, new)),
                new,
                empty=empty,
                poorer=not empty and _poorer(name, old, new),
                verified=verified,
            )
        )
    old_creators = [_creator_tuple(c) for c in existing.ordered_creators()]
    new_creators = [_creator_tuple(c) for c in data.creators]
    if new_creators and old_creators != new_creators:
        out.append(
            _change(
                CREATORS,
                (_creators_count(old_creators), _creators_count(new_creators)),
                data.creators,
                empty=not old_creators,
                poorer=bool(old_creators) and _creators_poorer(old_creators, new_creators),
                verified=verified,
            )
        )
    return out


def _change(
    name: str, shown: tuple[str, str], value: Any, *, empty: bool, poorer: bool, verified: bool
) -> FieldChange:
    """One change, classified and defaulted by the rule every field and the authors list share.

    Filling an empty field is an ADD, losing detail is POORER, anything else a REPLACE; a change
    is ticked by default unless it is POORER or the library's record is verified. Fields and
    creators are compared differently, but must never be classified differently.
    """
    kind = ADD if empty else POORER if poorer else REPLACE
    old, new = shown
    return FieldChange(
        name, _label(name), old, new, kind, default=not verified and kind != POORER, value=value
    )


def _shown_field(ref: Reference, name: str, value: Any) -> str:
    if name == "csl_type":
        return str(CslType(value).label) if value in CslType.values else str(value)
    return _shown(value)


def _creators_count(creators: list[tuple[str, str, str, str]]) -> str:
    count = ngettext("%(n)d person", "%(n)d people", len(creators)) % {"n": len(creators)}
    return f"{_creators_shown(creators)} ({count})"


def apply_changes(ref: Reference, chosen: list[FieldChange], note: str) -> None:
    """Write the chosen changes onto ``ref`` and save it (creators replaced as a whole)."""
    for change in chosen:
        if change.name == CREATORS:
            ref.creators.set(
                [
                    ReferenceCreator(sort_order=i, **creator)
                    for i, creator in enumerate(change.value)
                ]
            )
        else:
            setattr(ref, change.name, change.value)
    fields = ", ".join(c.label for c in chosen)
    line = _("%(note)s Changed: %(fields)s.") % {"note": note, "fields": fields}
    ref.verification_notes = "\n".join(filter(None, [ref.verification_notes, line]))
    ref.save()
