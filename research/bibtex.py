"""BibTeX (biblatex flavour) reading and writing, sharing one field table both ways.

Writing is done by hand rather than through bibtexparser's writer so that the output is stable
(same order of fields, same quoting) and round-trips exactly through our own reader, which does
use bibtexparser 2 for the hard part (the grammar, and the line of every entry and error).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import bibtexparser
from bibtexparser.middlewares.names import (
    parse_single_name_into_parts,
    split_multiple_persons_names,
)

from .csl import ReferenceData
from .identifiers import normalise_doi
from .models import CreatorRole, CslType, Reference

# CSL type -> (entry type, entrysubtype). biblatex types; classic BibTeX types are read too.
WRITE_TYPES: dict[str, tuple[str, str]] = {
    CslType.ARTICLE_JOURNAL: ("article", ""),
    CslType.ARTICLE_MAGAZINE: ("article", "magazine"),
    CslType.ARTICLE_NEWSPAPER: ("article", "newspaper"),
    CslType.REVIEW: ("article", "review"),
    CslType.BOOK: ("book", ""),
    CslType.CHAPTER: ("incollection", ""),
    CslType.PAPER_CONFERENCE: ("inproceedings", ""),
    CslType.REPORT: ("report", ""),
    CslType.THESIS: ("thesis", ""),
    CslType.WEBPAGE: ("online", ""),
    CslType.DATASET: ("dataset", ""),
}
READ_TYPES: dict[str, str] = {
    "article": CslType.ARTICLE_JOURNAL,
    "book": CslType.BOOK,
    "mvbook": CslType.BOOK,
    "booklet": CslType.BOOK,
    "inbook": CslType.CHAPTER,
    "incollection": CslType.CHAPTER,
    "inproceedings": CslType.PAPER_CONFERENCE,
    "conference": CslType.PAPER_CONFERENCE,
    "report": CslType.REPORT,
    "techreport": CslType.REPORT,
    "thesis": CslType.THESIS,
    "phdthesis": CslType.THESIS,
    "mastersthesis": CslType.THESIS,
    "online": CslType.WEBPAGE,
    "www": CslType.WEBPAGE,
    "electronic": CslType.WEBPAGE,
    "dataset": CslType.DATASET,
    "misc": CslType.REPORT,
    "unpublished": CslType.REPORT,
}
SUBTYPES = {
    "magazine": CslType.ARTICLE_MAGAZINE,
    "newspaper": CslType.ARTICLE_NEWSPAPER,
    "review": CslType.REVIEW,
}

# model field -> BibTeX field (container title depends on the type, see _container_field).
PLAIN_FIELDS: list[tuple[str, str]] = [
    ("title", "title"),
    ("title_short", "shorttitle"),
    ("volume", "volume"),
    ("issue", "number"),
    ("page", "pages"),
    ("publisher", "publisher"),
    ("publisher_place", "address"),
    ("edition", "edition"),
    ("doi", "doi"),
    ("isbn", "isbn"),
    ("issn", "issn"),
    ("pmid", "pmid"),
    ("url", "url"),
    ("open_access_url", "oaurl"),
    ("licence", "license"),
    ("abstract", "abstract"),
    ("language", "langid"),
    ("keywords", "keywords"),
]
ALIASES = {
    "location": "address",
    "institution": "publisher",
    "school": "publisher",
    "organization": "publisher",
    "journaltitle": "journal",
    "issue": "number",
    "language": "langid",
    "howpublished": "publisher",
}
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_SPECIALS = {"&": r"\&", "%": r"\%", "#": r"\#", "_": r"\_", "$": r"\$"}
_UNESCAPE = re.compile(r"\\([&%#_$])")


def _container_field(csl_type: str) -> str:
    if csl_type in (CslType.CHAPTER, CslType.PAPER_CONFERENCE):
        return "booktitle"
    if csl_type == CslType.WEBPAGE:
        return "organization"
    return "journal"


# --- writing ---------------------------------------------------------------------------------
def escape(value: str) -> str:
    """LaTeX specials escaped; braces dropped, since an unbalanced one breaks the whole file."""
    value = value.replace("{", "").replace("}", "").replace("\\", "")
    return "".join(_SPECIALS.get(c, c) for c in value)


def _name(creator: Any) -> str:
    if creator.literal:
        return "{" + escape(creator.literal) + "}"
    family = escape(creator.family)
    if " " in family:  # "De Vivo" must stay one family name
        family = "{" + family + "}"
    return f"{family}, {escape(creator.given)}" if creator.given else family


def entry(ref: Reference) -> str:
    entry_type, subtype = WRITE_TYPES.get(ref.csl_type, ("misc", ""))
    fields: list[tuple[str, str]] = []
    for role, field_name in (
        (CreatorRole.AUTHOR, "author"),
        (CreatorRole.EDITOR, "editor"),
        (CreatorRole.TRANSLATOR, "translator"),
        (CreatorRole.CONTAINER_AUTHOR, "bookauthor"),
    ):
        names = [_name(c) for c in ref.ordered_creators(role)]
        if names:
            fields.append((field_name, " and ".join(names)))
    if subtype:
        fields.append(("entrysubtype", subtype))
    for model_field, bib_field in PLAIN_FIELDS[:1]:
        fields.append((bib_field, escape(getattr(ref, model_field))))
    if ref.container_title:
        fields.append((_container_field(ref.csl_type), escape(ref.container_title)))
    if ref.issued_year:
        fields.append(("year", str(ref.issued_year)))
        date = "-".join(
            f"{part:02d}" if i else str(part) for i, part in enumerate(ref.issued_date_parts)
        )
        if ref.issued_month:
            fields.append(("month", str(ref.issued_month)))
            fields.append(("date", date))
    for model_field, bib_field in PLAIN_FIELDS[1:]:
        value = getattr(ref, model_field)
        if not value:
            continue
        if bib_field == "pages":
            value = re.sub(r"\s*[-\u2013]+\s*", "--", value)
        fields.append(
            (
                bib_field,
                escape(value)
                if bib_field not in ("url", "oaurl", "doi")
                else value.replace("{", "%7B").replace("}", "%7D"),
            )
        )
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@{entry_type}{{{ref.slug},\n{body}\n}}\n"


def dumps(refs: Iterable[Reference]) -> str:
    return "\n".join(entry(ref) for ref in refs)


# --- reading ---------------------------------------------------------------------------------
def _clean(value: str) -> str:
    value = _UNESCAPE.sub(r"\1", value)
    value = value.replace("{", "").replace("}", "")
    return re.sub(r"\s+", " ", value).strip()


def _names(value: str, role: str) -> list[dict[str, str]]:
    creators = []
    for raw in split_multiple_persons_names(value):
        raw = raw.strip()
        if not raw:
            continue
        if raw.startswith("{") and raw.endswith("}") and "," not in raw:
            creators.append({"role": role, "literal": _clean(raw)})
            continue
        parts = parse_single_name_into_parts(raw, strict=False)
        family = " ".join([*parts.von, *parts.last])
        if parts.jr:
            family = f"{family}, {' '.join(parts.jr)}"
        creators.append(
            {"role": role, "family": _clean(family), "given": _clean(" ".join(parts.first))}
        )
    return creators


def _month(value: str) -> int | None:
    value = value.strip().lower()[:3]
    if value.isdigit():
        month = int(value)
        return month if 1 <= month <= 12 else None
    return MONTHS.index(value) + 1 if value in MONTHS else None


def entry_to_data(bib_entry: Any) -> ReferenceData:
    """One parsed bibtexparser entry -> ReferenceData. Raises ValueError with a clear message."""
    raw = {}
    for f in bib_entry.fields:
        key = f.key.lower()
        raw[ALIASES.get(key, key)] = str(f.value)
    entry_type = bib_entry.entry_type.lower()
    csl_type = READ_TYPES.get(entry_type)
    if csl_type is None:
        raise ValueError(f"unknown entry type @{entry_type}")
    subtype = raw.get("entrysubtype", "").strip().lower()
    if entry_type == "article" and subtype in SUBTYPES:
        csl_type = SUBTYPES[subtype]
    values: dict[str, Any] = {"csl_type": csl_type}
    for model_field, bib_field in PLAIN_FIELDS:
        if raw.get(bib_field):
            values[model_field] = _clean(raw[bib_field])
    if raw.get("url"):
        values["url"] = raw["url"].strip()
    container = (
        raw.get("journal")
        or raw.get("booktitle")
        or (raw.get("organization") if csl_type == CslType.WEBPAGE else None)
    )
    if container:
        values["container_title"] = _clean(container)
    if (
        csl_type == CslType.WEBPAGE
        and raw.get("organization")
        and values.get("publisher") == (_clean(raw["organization"]))
    ):
        values.pop("publisher")
    if "page" in values:
        values["page"] = re.sub(r"\s*-+\s*", "-", values["page"])
    if "doi" in values:
        values["doi"] = normalise_doi(values["doi"])
    date = raw.get("date", "").strip()
    if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", date):
        parts = [int(p) for p in date.split("-")]
    else:
        year = raw.get("year", "").strip()
        if year and not year.isdigit():
            raise ValueError(f"the year “{year}” is not a number")
        parts = [int(year)] if year else []
        month = _month(raw.get("month", "")) if parts else None
        if month:
            parts.append(month)
            day = raw.get("day", "").strip()
            if day.isdigit():
                parts.append(int(day))
    for name, part in zip(("issued_year", "issued_month", "issued_day"), parts, strict=False):
        values[name] = part
    creators: list[dict[str, str]] = []
    for bib_field, role in (
        ("author", CreatorRole.AUTHOR),
        ("editor", CreatorRole.EDITOR),
        ("translator", CreatorRole.TRANSLATOR),
        ("bookauthor", CreatorRole.CONTAINER_AUTHOR),
    ):
        if raw.get(bib_field):
            creators.extend(_names(raw[bib_field], role))
    return ReferenceData(values=values, creators=creators, key=bib_entry.key)


def parse(text: str) -> tuple[list[tuple[int, Any]], list[tuple[int, str]]]:
    """``(entries with their 1-based line, errors with their line)`` for a BibTeX file."""
    library = bibtexparser.parse_string(text)
    entries = [((e.start_line or 0) + 1, e) for e in library.entries]
    errors = []
    for block in library.failed_blocks:
        message = str(getattr(block, "error", "")) or "this entry could not be read"
        errors.append(((block.start_line or 0) + 1, _short(message)))
    return entries, errors


def _short(message: str) -> str:
    return message.strip().splitlines()[-1].strip() if message.strip() else message
