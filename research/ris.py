"""RIS reading and writing through rispy, record by record so errors carry their line."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from typing import Any

import rispy
from django.utils.translation import gettext as _

from .bibtex import Parsed
from .csl import ReferenceData
from .identifiers import normalise_doi, split_isbns
from .models import CreatorRole, CslType, Reference

WRITE_TYPES: dict[str, str] = {
    CslType.ARTICLE_JOURNAL: "JOUR",
    CslType.ARTICLE_MAGAZINE: "MGZN",
    CslType.ARTICLE_NEWSPAPER: "NEWS",
    CslType.REVIEW: "JOUR",
    CslType.BOOK: "BOOK",
    CslType.CHAPTER: "CHAP",
    CslType.PAPER_CONFERENCE: "CPAPER",
    CslType.REPORT: "RPRT",
    CslType.THESIS: "THES",
    CslType.WEBPAGE: "ELEC",
    CslType.POST_WEBLOG: "BLOG",
    CslType.POST: "ELEC",
    CslType.ARTICLE: "UNPB",
    CslType.MANUSCRIPT: "MANSCPT",
    CslType.SPEECH: "SLIDE",
    CslType.MOTION_PICTURE: "VIDEO",
    CslType.SOFTWARE: "COMP",
    CslType.DATASET: "DATA",
    CslType.DOCUMENT: "GEN",
}
READ_TYPES = {
    **{ris: csl for csl, ris in WRITE_TYPES.items() if csl not in (CslType.REVIEW, CslType.POST)},
    "CONF": CslType.PAPER_CONFERENCE,
    "EBOOK": CslType.BOOK,
    "EDBOOK": CslType.BOOK,
    "ECHAP": CslType.CHAPTER,
    "WEB": CslType.WEBPAGE,
    "ICOMM": CslType.POST,
    "UNPD": CslType.MANUSCRIPT,
    "MPCT": CslType.MOTION_PICTURE,
    "GOVDOC": CslType.REPORT,
    "EJOUR": CslType.ARTICLE_JOURNAL,
}
BOOKISH = {CslType.BOOK, CslType.CHAPTER, CslType.REPORT, CslType.THESIS}
ROLE_KEYS = [
    ("authors", CreatorRole.AUTHOR),
    ("secondary_authors", CreatorRole.EDITOR),
    ("subsidiary_authors", CreatorRole.TRANSLATOR),
    ("tertiary_authors", CreatorRole.CONTAINER_AUTHOR),
]
_END = re.compile(r"^ER\s{2}-", re.MULTILINE)
_START = re.compile(r"^TY\s{2}-", re.MULTILINE)


def record(ref: Reference) -> dict[str, Any]:
    out: dict[str, Any] = {
        "type_of_reference": WRITE_TYPES.get(ref.csl_type, "GEN"),
        "id": ref.slug,
    }
    for key, role in ROLE_KEYS:
        names = [c.display_name for c in ref.ordered_creators(role)]
        if names:
            out[key] = names
    if ref.csl_type == CslType.REVIEW:
        out["type_of_work"] = "Review"
    simple = {
        "title": ref.title,
        "short_title": ref.title_short,
        "secondary_title": ref.container_title,
        "alternate_title1": ref.container_title_short,
        "volume": ref.volume,
        "number": ref.issue,
        "publisher": ref.publisher,
        "place_published": ref.publisher_place,
        "edition": ref.edition,
        "doi": ref.doi,
        "abstract": ref.abstract,
        "language": ref.language,
        "accession_number": ref.pmid,
    }
    out.update({k: v for k, v in simple.items() if v})
    if ref.issued_year:
        parts = ref.issued_date_parts + [None] * (3 - len(ref.issued_date_parts))
        out["year"] = str(ref.issued_year)
        if ref.issued_month:
            out["date"] = (
                "/".join(f"{p:02d}" if p and i else str(p or "") for i, p in enumerate(parts)) + "/"
            )
    if ref.page:
        start, _sep, end = ref.page.partition("-")
        out["start_page"] = start.strip()
        if end.strip():
            out["end_page"] = end.strip()
    identifier = ref.isbn if ref.csl_type in BOOKISH else ref.issn
    if identifier:
        out["issn"] = identifier
    urls = [u for u in (ref.url, ref.open_access_url) if u]
    if urls:
        out["urls"] = urls
    if ref.accessed:
        out["access_date"] = ref.accessed.strftime("%Y/%m/%d")
    if ref.keyword_list:
        out["keywords"] = ref.keyword_list
    return out


class _Writer(rispy.RisWriter):
    """rispy's writer without the ``1.`` line it puts before every ``TY  -``: that line is not
    RIS, and EndNote and Zotero read it as junk."""

    def set_header(self, count: int) -> str:
        return ""


def dumps(refs: Iterable[Reference]) -> str:
    return rispy.dumps([record(ref) for ref in refs], implementation=_Writer)


def _name(raw: str, role: str) -> dict[str, str]:
    raw = raw.strip()
    if "," not in raw:
        return {"role": role, "literal": raw}
    family, _sep, given = raw.partition(",")
    return {"role": role, "family": family.strip(), "given": given.strip().strip(",").strip()}


def record_to_data(rec: dict[str, Any]) -> ReferenceData:
    ris_type = str(rec.get("type_of_reference", "")).upper()
    csl_type: str | None = READ_TYPES.get(ris_type)
    if csl_type is None:
        raise ValueError(f"unknown record type TY - {ris_type or '(missing)'}")
    if csl_type == CslType.ARTICLE_JOURNAL and str(rec.get("type_of_work", "")).lower() == "review":
        csl_type = CslType.REVIEW
    values: dict[str, Any] = {"csl_type": csl_type}
    title = rec.get("title") or rec.get("primary_title")
    if title:
        values["title"] = title.strip()
    container = rec.get("secondary_title") or rec.get("journal_name") or rec.get("alternate_title3")
    if container:
        values["container_title"] = container.strip()
    abbreviation = rec.get("alternate_title1") or rec.get("alternate_title2")
    if abbreviation:
        values["container_title_short"] = abbreviation.strip()
    for ris_key, field_name in (
        ("short_title", "title_short"),
        ("volume", "volume"),
        ("number", "issue"),
        ("publisher", "publisher"),
        ("place_published", "publisher_place"),
        ("edition", "edition"),
        ("abstract", "abstract"),
        ("language", "language"),
        ("accession_number", "pmid"),
    ):
        if rec.get(ris_key):
            values[field_name] = str(rec[ris_key]).strip()
    if rec.get("doi"):
        values["doi"] = normalise_doi(rec["doi"])
    if rec.get("issn"):
        if csl_type in BOOKISH:
            values["isbn"] = ", ".join(split_isbns(rec["issn"]))
        else:
            values["issn"] = rec["issn"].strip()
    pages = [str(rec.get(k, "")).strip() for k in ("start_page", "end_page")]
    if pages[0]:
        values["page"] = "-".join(p for p in pages if p)
    urls = rec.get("urls") or []
    if urls:
        values["url"] = urls[0]
    if len(urls) > 1:
        values["open_access_url"] = urls[1]
    if rec.get("keywords"):
        values["keywords"] = ", ".join(rec["keywords"])
    date = str(rec.get("date") or rec.get("year") or rec.get("publication_year") or "")
    parts = [p for p in date.split("/") if p.strip()]
    if parts:
        if not parts[0].strip().isdigit():
            raise ValueError(f"the year “{parts[0]}” is not a number")
        for name, part in zip(("issued_year", "issued_month", "issued_day"), parts, strict=False):
            if not part.strip().isdigit():
                break
            values[name] = int(part)
    accessed = str(rec.get("access_date") or "").strip()
    if accessed:
        values["accessed"] = _accessed(accessed)
    creators = [_name(n, role) for key, role in ROLE_KEYS for n in rec.get(key) or []]
    dropped = sorted(key for key in rec if key not in READ_KEYS)
    return ReferenceData(
        values=values, creators=creators, key=str(rec.get("id") or ""), dropped=dropped
    )


def _accessed(value: str) -> datetime.date:
    parts = [p for p in re.split(r"[/-]", value) if p.strip()]
    try:
        return datetime.date(*(int(p) for p in parts[:3]))
    except (TypeError, ValueError):
        raise ValueError(
            _("the access date “%(date)s” is not a date like 2024/05/31") % {"date": value}
        ) from None


# rispy keys read into the model: any other tag is reported as not imported.
READ_KEYS = {
    "type_of_reference",
    "id",
    "title",
    "primary_title",
    "secondary_title",
    "journal_name",
    "alternate_title3",
    "alternate_title1",
    "alternate_title2",
    "short_title",
    "volume",
    "number",
    "publisher",
    "place_published",
    "edition",
    "abstract",
    "language",
    "accession_number",
    "doi",
    "issn",
    "start_page",
    "end_page",
    "urls",
    "keywords",
    "date",
    "year",
    "publication_year",
    "access_date",
    "type_of_work",
    *(key for key, _role in ROLE_KEYS),
}


def parse(text: str) -> Parsed:
    """Split on ``ER  -`` so each record is read alone: one bad record cannot hide the others,
    and every record and error knows its line. Text between records is reported, not dropped."""
    entries: list[tuple[int, Any]] = []
    errors: list[tuple[int, str]] = []
    warnings: list[tuple[int, str]] = []
    position = 0
    for match in _END.finditer(text):
        chunk_end = text.find("\n", match.end())
        chunk_end = len(text) if chunk_end == -1 else chunk_end + 1
        chunk = text[position:chunk_end]
        start = _START.search(chunk)
        line = text.count("\n", 0, position + (start.start() if start else 0)) + 1
        junk_end = start.start() if start else match.start() - position
        warnings.extend(_junk(text, position, position + junk_end))
        if start is None:
            errors.append((line, _("a record ends (ER) without starting (TY)")))
        else:
            try:
                records = rispy.loads(chunk[start.start() :])
            except Exception as exc:  # rispy raises IOError/ValueError/KeyError on bad input
                errors.append((line, str(exc) or _("this record could not be read")))
            else:
                entries.extend((line, rec) for rec in records)
        position = chunk_end
    rest = text[position:]
    if rest.strip():
        start = _START.search(rest)
        if start is None:
            warnings.extend(_junk(text, position, len(text)))
        else:
            warnings.extend(_junk(text, position, position + start.start()))
            line = text.count("\n", 0, position + start.start()) + 1
            errors.append((line, _("the record is not closed with “ER  -”")))
    return Parsed(entries, errors, warnings)


def _junk(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """The first non-blank line between records, if any: RIS readers skip it without a word."""
    for offset, line in enumerate(text[start:end].splitlines()):
        stripped = line.strip()
        if stripped:
            shown = stripped if len(stripped) <= 60 else stripped[:57] + "..."
            number = text.count("\n", 0, start) + offset + 1
            return [
                (
                    number,
                    _("text outside any record was not imported: “%(text)s”") % {"text": shown},
                )
            ]
    return []
