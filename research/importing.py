"""Importing BibTeX, RIS and CSL-JSON files: parse, plan, then apply all or nothing.

The same plan drives the management command and the admin (upload -> preview -> confirm):

* every entry is parsed and validated with the model's own rules, and keeps its position in the
  file (line for BibTeX and RIS, item number for CSL-JSON) so errors can be found;
* each valid entry is matched against the library and the file itself: DOI, ISBN, PubMed ID,
  then main title (case, accents, punctuation and subtitle ignored) + year + first author. A
  match becomes an *update* listing every differing field (``research.merging``: nothing poorer
  and nothing on a verified record is applied unless a person ticks it), a repeat in the file
  is *skipped*; anything else is *created*;
* text that is not an entry, and fields the library has no place for, are reported as warnings;
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

from pages import cache_generation

from . import bibtex, merging, ris
from .csl import ReferenceData, csl_to_data
from .identifiers import split_isbns
from .merging import FieldChange
from .models import Reference, ReferenceCreator, VerificationStatus
from .tasks import schedule_citations

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
    changes: list[FieldChange] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # seen by the person, never blocking
    number: int = 0  # index in the plan: names the choices of the admin preview

    def choice_key(self, change: FieldChange) -> str:
        return f"{self.number}:{change.name}"

    def chosen(self, choices: set[str] | None) -> list[FieldChange]:
        """The changes to write: the defaults, or exactly those a person ticked."""
        if choices is None:
            return [c for c in self.changes if c.default]
        return [c for c in self.changes if self.choice_key(c) in choices]

    @property
    def kept(self) -> list[FieldChange]:
        """Changes not applied by default: the library's richer or verified values stay."""
        return [c for c in self.changes if not c.default]


@dataclass
class ImportPlan:
    format: str
    entries: list[ImportEntry]
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (position, message)

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


def parse(
    text: str, fmt: str
) -> tuple[list[tuple[str, ReferenceData | str]], list[tuple[str, str]]]:
    """``(position, data or error message)`` per entry in file order, and the warnings (text
    that is not an entry) with their positions."""
    out: list[tuple[int, str, ReferenceData | str]] = []
    warnings: list[tuple[str, str]] = []
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
        entries, errors, junk = module.parse(text)
        for line, raw in entries:
            out.append((line, _("line %(n)d") % {"n": line}, _safe(converter, raw)))
        for line, message in errors:
            out.append((line, _("line %(n)d") % {"n": line}, message))
        out.sort(key=lambda item: item[0])
        warnings = [(_("line %(n)d") % {"n": line}, message) for line, message in junk]
    else:
        raise ImportFileError(_("Unknown format “%(format)s”.") % {"format": fmt})
    if not out:
        raise ImportFileError(
            _("No entries were found: is this really a %(format)s file?") % {"format": FORMATS[fmt]}
        )
    return [(position, value) for _n, position, value in out], warnings


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
    by_pmid: dict[str, Reference] = field(default_factory=dict)
    by_zotero: dict[str, Reference] = field(default_factory=dict)
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
        if ref.pmid:
            self.by_pmid[ref.pmid] = ref
        if ref.zotero_key:
            self.by_zotero[ref.zotero_key] = ref
        self.by_key.setdefault(ref.duplicate_key(), ref)
        if ref.slug:
            self.slugs.add(ref.slug)

    def match(self, ref: Reference) -> tuple[Reference | None, str]:
        """The record ``ref`` duplicates and how it was found: a shared identifier (DOI, ISBN,
        PubMed ID), else the same main title, year and first author, unless both carry DOIs
        and they differ (a preprint and its article, say, are two records). A record synced
        from Zotero is matched by its item key first, whatever else changed."""
        if ref.zotero_key and ref.zotero_key in self.by_zotero:
            return self.by_zotero[ref.zotero_key], "Zotero"
        if ref.doi and ref.doi in self.by_doi:
            return self.by_doi[ref.doi], "DOI"
        for isbn in split_isbns(ref.isbn):
            if isbn in self.by_isbn:
                return self.by_isbn[isbn], "ISBN"
        if ref.pmid and ref.pmid in self.by_pmid:
            return self.by_pmid[ref.pmid], "PMID"
        key = ref.duplicate_key()
        twin = self.by_key.get(key) if key[0] else None
        if twin is not None and not (twin.doi and ref.doi and twin.doi != ref.doi):
            return twin, "title"
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


def plan_entry(
    entry: ImportEntry, value: ReferenceData, library: LibraryIndex, seen: LibraryIndex
) -> None:
    """Validate one parsed record and decide what happens to it (shared with Zotero sync)."""
    if value.dropped:
        entry.notes.append(
            _("Not imported, the library has no place for: %(fields)s.")
            % {"fields": ", ".join(value.dropped)}
        )
    ref, errors = _validate(value)
    if errors:
        entry.action, entry.errors = ERROR, errors
        return
    twin, _how = seen.match(ref)
    if twin is not None:
        entry.action = SKIP
        entry.reason = _("repeats an earlier entry in this file")
        return
    seen.add(ref)
    existing, how = library.match(ref)
    if existing is None:
        return
    entry.existing = existing
    if how == "title":
        how_text = _("same main title, year and first author as “%(ref)s”") % {"ref": existing}
    elif how == "Zotero":
        how_text = _("the Zotero item synced before as “%(ref)s”") % {"ref": existing}
    else:
        how_text = _("same %(id)s as “%(ref)s”") % {"id": how, "ref": existing}
    entry.changes = merging.changes(existing, value)
    if not entry.changes:
        entry.action = SKIP
        entry.reason = _("%(how)s; already in the library, unchanged") % {"how": how_text}
        return
    entry.action = UPDATE
    entry.reason = how_text
    if existing.is_verified:
        entry.notes.append(
            _("The record is verified: nothing is changed unless you tick the field.")
        )


def number_entries(entries: list[ImportEntry]) -> None:
    """Number a finished plan's entries and key their changes (``<entry number>:<field>``).

    A file import and a Zotero sync show the same admin preview, whose tick boxes are named by
    these keys; both number their plans here so the preview and ``apply_plan`` agree on them.
    """
    for number, entry in enumerate(entries):
        entry.number = number
        for change in entry.changes:
            change.key = entry.choice_key(change)


def kept_message(entry: ImportEntry, change: FieldChange) -> str:
    """The line a command prints for a change the plan leaves out (the library's value stays).

    ``import_references`` and ``zotero_sync`` report kept values in the same words, so that a
    person reading either output learns one phrasing.
    """
    return (
        f"{entry.position}: kept the library's {change.label} "
        f"({change.explanation}): {change.old!r}, not {change.new!r}"
    )


def build_plan(text: str, fmt: str) -> ImportPlan:
    """Read, validate and match every entry; nothing is written."""
    parsed, warnings = parse(text, fmt)
    library = LibraryIndex.load()
    seen = LibraryIndex()
    entries: list[ImportEntry] = []
    for position, value in parsed:
        if isinstance(value, str):
            entries.append(ImportEntry(position, ERROR, errors=[value]))
            continue
        entry = ImportEntry(position, CREATE, title=value.title, data=value)
        entries.append(entry)
        plan_entry(entry, value, library, seen)
    number_entries(entries)
    return ImportPlan(fmt, entries, warnings)


# --- applying --------------------------------------------------------------------------------
def apply_plan(
    plan: ImportPlan,
    *,
    source: str = "",
    progress: Callable[[int, int], None] | None = None,
    choices: set[str] | None = None,
) -> dict[str, int]:
    """Write the plan in one transaction. A plan with errors is refused before writing.

    ``choices`` are the ``ImportEntry.choice_key`` of the changes a person ticked in the
    preview; ``None`` (the command line) takes each change's default, which never makes a
    record poorer and never touches a verified one.
    """
    if plan.has_errors:
        raise ImportFileError(_("The file has errors; nothing was imported."))
    note = _("Imported from %(source)s on %(date)s.") % {
        "source": source or FORMATS[plan.format],
        "date": timezone.now().date().isoformat(),
    }
    updated = 0
    with transaction.atomic():
        for entry in plan.of(UPDATE):
            chosen = entry.chosen(choices)
            if chosen and entry.existing is not None:
                merging.apply_changes(entry.existing, chosen, note)
                updated += 1
        created = _create([e.data for e in plan.of(CREATE) if e.data], note, progress)
        if created:
            transaction.on_commit(lambda: _index(created))
            schedule_citations([ref.pk for ref in created])
    return {
        "created": len(created),
        "updated": updated,
        "skipped": len(plan.of(SKIP)) + len(plan.of(UPDATE)) - updated,
    }


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
    if created:
        cache_generation.bulk_change(Reference)  # bulk_create sends no signals
    return created


def _index(refs: list[Reference]) -> None:
    """bulk_create sends no signals: add the new records to the search index in bulk."""
    fresh = list(Reference.objects.filter(pk__in=[r.pk for r in refs]).prefetch_related("creators"))
    for backend in get_search_backends():
        backend.add_bulk(Reference, fresh)
