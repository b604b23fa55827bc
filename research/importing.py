"""Importing BibTeX, RIS and CSL-JSON files: parse, plan, then apply all or nothing.

The same plan drives the management command and the admin (upload -> preview -> confirm):

* every entry is parsed and validated with the model's own rules, and keeps its position in the
  file (line for BibTeX and RIS, item number for CSL-JSON) so errors can be found;
* each valid entry is matched against the library and the file itself: DOI, then ISBN, then
  normalised title + year + first author. An identifier match *updates* the record (unless it was
  verified by a person: checked data is not overwritten by a file), a title match or a repeat in
  the file is *skipped as a duplicate*; anything else is *created*;
* ``apply_plan`` writes inside one transaction, and refuses a plan with errors, so a bad entry
  means nothing is written.

New records are written with ``bulk_create`` and indexed for search in bulk, which keeps a
10,000-entry import to seconds (see bench/research_bench.py).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model, Prefetch
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from modelsearch.backends import get_search_backends

from . import bibtex, ris
from .csl import ReferenceData, csl_to_data
from .identifiers import split_isbns
from .models import Reference, ReferenceCreator, VerificationStatus

FORMATS = {"bibtex": "BibTeX", "ris": "RIS", "csl-json": "CSL-JSON"}
CREATE, UPDATE, SKIP, ERROR = "create", "update", "skip", "error"
MAX_BYTES = 20 * 1024 * 1024


class ImportFileError(ValueError):
    """The file as a whole cannot be read (wrong format, not text, no entries)."""


@dataclass
class ImportEntry:
    position: str  # "line 12" or "item 3": where to look in the file
    action: str
    title: str = ""
    reason: str = ""
    data: ReferenceData | None = None
    existing: Reference | None = None
    errors: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)


@dataclass
class ImportPlan:
    format: str
    entries: list[ImportEntry]

    def of(self, action: str) -> list[ImportEntry]:
        return [e for e in self.entries if e.action == action]

    @property
    def counts(self) -> dict[str, int]:
        return {a: len(self.of(a)) for a in (CREATE, UPDATE, SKIP, ERROR)}

    @property
    def has_errors(self) -> bool:
        return any(e.action == ERROR for e in self.entries)

    def summary(self) -> str:
        c = self.counts
        return _(
            "%(total)d entries: %(create)d to create, %(update)d to update, "
            "%(skip)d duplicates skipped, %(error)d with errors."
        ) % {"total": len(self.entries), **c}


# --- reading files ---------------------------------------------------------------------------
def detect_format(filename: str, text: str) -> str:
    name = filename.lower()
    if name.endswith((".bib", ".bibtex")):
        return "bibtex"
    if name.endswith((".ris", ".txt")) and "TY  -" in text:
        return "ris"
    if name.endswith(".json"):
        return "csl-json"
    stripped = text.lstrip()
    if stripped.startswith(("[", "{")):
        return "csl-json"
    if stripped.startswith("TY  -") or "\nTY  -" in text[:2000]:
        return "ris"
    if "@" in text[:5000]:
        return "bibtex"
    raise ImportFileError(_("The file is not BibTeX, RIS or CSL-JSON."))


def decode(raw: bytes) -> str:
    if len(raw) > MAX_BYTES:
        raise ImportFileError(_("The file is larger than 20 MB; split it into smaller files."))
    if b"\x00" in raw[:4096]:
        raise ImportFileError(_("The file is not a text file."))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(_("The file is not UTF-8 text; export it again as UTF-8.")) from None


def parse(text: str, fmt: str) -> list[tuple[str, ReferenceData | str]]:
    """``(position, data or error message)`` per entry, in file order."""
    out: list[tuple[int, str, ReferenceData | str]] = []
    if fmt == "csl-json":
        try:
            items = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ImportFileError(
                _("The file is not valid JSON (line %(line)d, column %(col)d: %(msg)s).")
                % {"line": exc.lineno, "col": exc.colno, "msg": exc.msg}
            ) from None
        if isinstance(items, dict):
            items = [items]
        if not isinstance(items, list):
            raise ImportFileError(_("A CSL-JSON file holds a list of items."))
        for index, item in enumerate(items, start=1):
            position = _("item %(n)d") % {"n": index}
            if not isinstance(item, dict):
                out.append((index, position, _("this item is not a JSON object")))
                continue
            out.append((index, position, _safe(csl_to_data, item)))
    elif fmt in ("bibtex", "ris"):
        module = bibtex if fmt == "bibtex" else ris
        converter = bibtex.entry_to_data if fmt == "bibtex" else ris.record_to_data
        entries, errors = module.parse(text)
        for line, raw in entries:
            out.append((line, _("line %(n)d") % {"n": line}, _safe(converter, raw)))
        for line, message in errors:
            out.append((line, _("line %(n)d") % {"n": line}, message))
        out.sort(key=lambda item: item[0])
    else:
        raise ImportFileError(_("Unknown format “%(format)s”.") % {"format": fmt})
    if not out:
        raise ImportFileError(
            _("No entries were found: is this really a %(format)s file?") % {"format": FORMATS[fmt]}
        )
    return [(position, value) for _n, position, value in out]


def _safe(converter: Callable[[Any], ReferenceData], raw: Any) -> ReferenceData | str:
    try:
        return converter(raw)
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        return str(exc) or _("this entry could not be read")


# --- planning --------------------------------------------------------------------------------
@dataclass
class LibraryIndex:
    """Everything the duplicate check needs, loaded in two queries whatever the library size."""

    by_doi: dict[str, Reference] = field(default_factory=dict)
    by_isbn: dict[str, Reference] = field(default_factory=dict)
    by_key: dict[tuple[object, ...], Reference] = field(default_factory=dict)
    slugs: set[str] = field(default_factory=set)

    @classmethod
    def load(cls) -> LibraryIndex:
        index = cls()
        first_creators = Prefetch(
            "creators", queryset=ReferenceCreator.objects.order_by("sort_order", "pk")
        )
        for ref in Reference.objects.prefetch_related(first_creators).iterator(chunk_size=2000):
            index.add(ref)
        return index

    def add(self, ref: Reference) -> None:
        if ref.doi:
            self.by_doi[ref.doi] = ref
        for isbn in split_isbns(ref.isbn):
            self.by_isbn[isbn] = ref
        self.by_key[ref.duplicate_key()] = ref
        if ref.slug:
            self.slugs.add(ref.slug)

    def match(self, ref: Reference) -> tuple[Reference | None, str]:
        if ref.doi and ref.doi in self.by_doi:
            return self.by_doi[ref.doi], "doi"
        for isbn in split_isbns(ref.isbn):
            if isbn in self.by_isbn:
                return self.by_isbn[isbn], "isbn"
        key = ref.duplicate_key()
        if key[0] and key in self.by_key:
            return self.by_key[key], "title"
        return None, ""


def _validate(data: ReferenceData) -> tuple[Reference, list[str]]:
    ref = data.build()
    errors: list[str] = []
    try:
        ref.full_clean(exclude=["slug"], validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        errors.extend(_messages(exc, Reference))
    else:  # keep the normalised identifiers clean() produced
        for name in ("doi", "isbn"):
            if getattr(ref, name):
                data.values[name] = getattr(ref, name)
    for creator in ref.creators.all():
        try:
            creator.full_clean(exclude=["reference"])
        except ValidationError as exc:
            errors.extend(_messages(exc, ReferenceCreator))
    return ref, errors


def _messages(exc: ValidationError, model: type[Model]) -> list[str]:
    if not hasattr(exc, "error_dict"):
        return list(exc.messages)
    out = []
    for name, errors in exc.message_dict.items():
        if name == "__all__":
            out.extend(errors)
            continue
        label = str(getattr(model._meta.get_field(name), "verbose_name", name))
        out.extend(f"{label}: {message}" for message in errors)
    return out


COMPARED = [
    "csl_type",
    "title",
    "title_short",
    "container_title",
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
    "open_access_url",
    "licence",
    "abstract",
    "language",
    "keywords",
]


def _changes(existing: Reference, data: ReferenceData) -> list[str]:
    changed = [
        str(getattr(Reference._meta.get_field(name), "verbose_name", name))
        for name, value in data.values.items()
        if name in COMPARED and value not in ("", None) and getattr(existing, name) != value
    ]
    old = [(c.role, c.family, c.given, c.literal) for c in existing.ordered_creators()]
    new = [
        (c["role"], c.get("family", ""), c.get("given", ""), c.get("literal", ""))
        for c in data.creators
    ]
    if new and old != new:
        changed.append(str(_("creators")))
    return changed


def build_plan(text: str, fmt: str) -> ImportPlan:
    """Read, validate and match every entry; nothing is written."""
    parsed = parse(text, fmt)
    library = LibraryIndex.load()
    seen = LibraryIndex()
    entries: list[ImportEntry] = []
    for position, value in parsed:
        if isinstance(value, str):
            entries.append(ImportEntry(position, ERROR, errors=[value]))
            continue
        ref, errors = _validate(value)
        entry = ImportEntry(position, CREATE, title=value.title, data=value)
        entries.append(entry)
        if errors:
            entry.action, entry.errors = ERROR, errors
            continue
        twin, how = seen.match(ref)
        if twin is not None:
            entry.action = SKIP
            entry.reason = _("repeats an earlier entry in this file")
            continue
        seen.add(ref)
        existing, how = library.match(ref)
        if existing is None:
            continue
        entry.existing = existing
        if how == "title":
            entry.action = SKIP
            entry.reason = _("same title, year and first author as “%(ref)s”") % {"ref": existing}
        elif existing.verification_status != VerificationStatus.UNVERIFIED:
            entry.action = SKIP
            entry.reason = _("same %(id)s as a verified record, which is kept as it is") % {
                "id": how.upper()
            }
        else:
            entry.changes = _changes(existing, value)
            if entry.changes:
                entry.action = UPDATE
                entry.reason = _("same %(id)s as “%(ref)s”") % {"id": how.upper(), "ref": existing}
            else:
                entry.action = SKIP
                entry.reason = _("already in the library, unchanged")
    return ImportPlan(fmt, entries)


# --- applying --------------------------------------------------------------------------------
def apply_plan(
    plan: ImportPlan, *, source: str = "", progress: Callable[[int, int], None] | None = None
) -> dict[str, int]:
    """Write the plan in one transaction. A plan with errors is refused before writing."""
    if plan.has_errors:
        raise ImportFileError(_("The file has errors; nothing was imported."))
    note = _("Imported from %(source)s on %(date)s.") % {
        "source": source or FORMATS[plan.format],
        "date": timezone.now().date().isoformat(),
    }
    with transaction.atomic():
        for entry in plan.of(UPDATE):
            if entry.data is not None:  # always set on an UPDATE entry
                _update(entry.existing, entry.data, note)
        created = _create([e.data for e in plan.of(CREATE) if e.data], note, progress)
        if created:
            transaction.on_commit(lambda: _index(created))
    return {"created": len(created), "updated": len(plan.of(UPDATE)), "skipped": len(plan.of(SKIP))}


BATCH = 500


def _create(
    items: list[ReferenceData], note: str, progress: Callable[[int, int], None] | None
) -> list[Reference]:
    """New records and their creators with bulk_create, in batches that report progress."""
    taken = set(Reference.objects.values_list("slug", flat=True))
    pending: list[tuple[Reference, list[ReferenceCreator]]] = []
    for data in items:
        ref = Reference(**data.values)
        ref.verification_status = VerificationStatus.UNVERIFIED
        ref.verification_notes = note
        creators = [ReferenceCreator(sort_order=i, **c) for i, c in enumerate(data.creators)]
        ref.creators.set(creators)  # in memory, so unique_slug() sees the first author
        key = slugify(data.key)[:120]
        if key and key not in taken:
            ref.slug = key
            taken.add(key)
        else:
            ref.slug = ref.unique_slug(taken)
        pending.append((ref, creators))
    created: list[Reference] = []
    for start in range(0, len(pending), BATCH):
        batch = pending[start : start + BATCH]
        refs = Reference.objects.bulk_create([ref for ref, _c in batch])
        rows = []
        for ref, creators in zip(refs, (c for _r, c in batch), strict=True):
            for creator in creators:
                creator.reference_id = ref.pk
                rows.append(creator)
        ReferenceCreator.objects.bulk_create(rows)
        created.extend(refs)
        if progress:
            progress(len(created), len(pending))
    return created


def _update(ref: Reference | None, data: ReferenceData, note: str) -> None:
    assert ref is not None
    for name, value in data.values.items():
        if value not in ("", None):
            setattr(ref, name, value)
    ref.verification_notes = "\n".join(filter(None, [ref.verification_notes, note]))
    if data.creators:
        ref.creators.set([ReferenceCreator(sort_order=i, **c) for i, c in enumerate(data.creators)])
    ref.save()


def _index(refs: list[Reference]) -> None:
    """bulk_create sends no signals: add the new records to the search index in bulk."""
    fresh = list(Reference.objects.filter(pk__in=[r.pk for r in refs]).prefetch_related("creators"))
    for backend in get_search_backends():
        backend.add_bulk(Reference, fresh)
