"""RIS reading and writing through rispy, record by record so errors carry their line."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import rispy

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
    CslType.DATASET: "DATA",
}
READ_TYPES = {
    **{ris: csl for csl, ris in WRITE_TYPES.items() if csl != CslType.REVIEW},
    "CONF": CslType.PAPER_CONFERENCE,
    "EBOOK": CslType.BOOK,
    "EDBOOK": CslType.BOOK,
    "ECHAP": CslType.CHAPTER,
    "WEB": CslType.WEBPAGE,
    "BLOG": CslType.WEBPAGE,
    "GEN": CslType.REPORT,
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
    if ref.keyword_list:
        out["keywords"] = ref.keyword_list
    return out


def dumps(refs: Iterable[Reference]) -> str:
    return rispy.dumps([record(ref) for ref in refs])


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
    creators = [_name(n, role) for key, role in ROLE_KEYS for n in rec.get(key) or []]
    return ReferenceData(values=values, creators=creators, key=str(rec.get("id") or ""))


def parse(text: str) -> tuple[list[tuple[int, Any]], list[tuple[int, str]]]:
    """Split on ``ER  -`` so each record is read alone: one bad record cannot hide the others,
    and every record and error knows its line."""
    entries: list[tuple[int, Any]] = []
    errors: list[tuple[int, str]] = []
    position = 0
    for match in _END.finditer(text):
        chunk_end = text.find("\n", match.end())
        chunk_end = len(text) if chunk_end == -1 else chunk_end + 1
        chunk = text[position:chunk_end]
        start = _START.search(chunk)
        line = text.count("\n", 0, position + (start.start() if start else 0)) + 1
        if start is None:
            errors.append((line, "a record ends (ER) without starting (TY)"))
        else:
            try:
                records = rispy.loads(chunk[start.start() :])
            except Exception as exc:  # rispy raises IOError/ValueError/KeyError on bad input
                errors.append((line, str(exc) or "this record could not be read"))
            else:
                entries.extend((line, rec) for rec in records)
        position = chunk_end
    rest = text[position:]
    if rest.strip():
        start = _START.search(rest)
        line = text.count("\n", 0, position + (start.start() if start else 0)) + 1
        errors.append((line, "the record is not closed with ER  -"))
    return entries, errors
