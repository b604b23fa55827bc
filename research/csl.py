"""Reference <-> CSL-JSON: the one mapping that formatting, export and import all share."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from .identifiers import normalise_doi, split_isbns
from .models import CreatorRole, CslType, Reference

# model field -> CSL-JSON variable, for the plain string variables.
STRING_FIELDS: dict[str, str] = {
    "title": "title",
    "title_short": "title-short",
    "container_title": "container-title",
    "container_title_short": "container-title-short",
    "volume": "volume",
    "issue": "issue",
    "page": "page",
    "publisher": "publisher",
    "publisher_place": "publisher-place",
    "edition": "edition",
    "doi": "DOI",
    "issn": "ISSN",
    "pmid": "PMID",
    "url": "URL",
    "abstract": "abstract",
    "language": "language",
    "keywords": "keyword",
    "licence": "license",
}

ROLES = [choice.value for choice in CreatorRole]


@dataclass
class ReferenceData:
    """A parsed record before it becomes a Reference: model field values plus creators.

    Importers of every format produce this; ``apply_to`` writes it onto a (new or existing)
    Reference, so BibTeX, RIS and CSL-JSON share the duplicate checks and the validation.
    """

    values: dict[str, Any] = field(default_factory=dict)
    creators: list[dict[str, str]] = field(default_factory=list)  # role, family, given, literal
    key: str = ""
    dropped: list[str] = field(default_factory=list)  # source fields the library has no place for

    @property
    def title(self) -> str:
        return self.values.get("title", "")

    def build(self) -> Reference:
        """An unsaved Reference with these values (creators attached in memory for clean())."""
        from .models import ReferenceCreator

        ref = Reference(**self.values)
        if self.key:
            ref.slug = self.key
        ref.creators.set(
            [ReferenceCreator(sort_order=i, **creator) for i, creator in enumerate(self.creators)]
        )
        return ref


def reference_to_csl(ref: Reference, *, item_id: str | None = None) -> dict[str, Any]:
    """The CSL-JSON item for ``ref`` (raw values: escaping is the formatter's job)."""
    item: dict[str, Any] = {"id": item_id or ref.slug or str(ref.pk), "type": ref.csl_type}
    for name, variable in STRING_FIELDS.items():
        value = getattr(ref, name)
        if value:
            item[variable] = value
    isbns = ref.isbn_list
    if isbns:
        item["ISBN"] = isbns[0] if len(isbns) == 1 else " ".join(isbns)
    if ref.open_access_url and ref.open_access_url != ref.url:
        item["custom"] = {"open-access-url": ref.open_access_url}
    parts = ref.issued_date_parts
    if parts:
        item["issued"] = {"date-parts": [parts]}
    if ref.accessed:
        accessed = ref.accessed
        item["accessed"] = {"date-parts": [[accessed.year, accessed.month, accessed.day]]}
    for creator in ref.ordered_creators():
        item.setdefault(creator.role, []).append(creator.as_csl())
    return item


def csl_to_data(item: dict[str, Any]) -> ReferenceData:
    """Parse one CSL-JSON item (as Zotero or Crossref write it) into ReferenceData."""
    values: dict[str, Any] = {}
    csl_type = str(item.get("type") or "")
    values["csl_type"] = csl_type if csl_type in CslType.values else _closest_type(csl_type)
    for name, variable in STRING_FIELDS.items():
        value = item.get(variable)
        if isinstance(value, list):  # Crossref sends container-title, ISSN as lists
            value = value[0] if value else ""
        if value not in (None, ""):
            values[name] = str(value).strip()
    if "doi" in values:
        values["doi"] = normalise_doi(values["doi"])
    if not values.get("container_title_short") and item.get("journalAbbreviation"):
        values["container_title_short"] = str(item["journalAbbreviation"]).strip()
    isbn = item.get("ISBN")
    if isinstance(isbn, list):
        isbn = " ".join(isbn)
    if isbn:
        values["isbn"] = ", ".join(split_isbns(str(isbn)))
    custom = item.get("custom") or {}
    if isinstance(custom, dict) and custom.get("open-access-url"):
        values["open_access_url"] = custom["open-access-url"]
    parts = _date_parts(item.get("issued"))
    for name, part in zip(("issued_year", "issued_month", "issued_day"), parts, strict=False):
        values[name] = part
    accessed = _date_parts(item.get("accessed"))
    if len(accessed) == 3:
        try:
            values["accessed"] = datetime.date(*accessed)
        except ValueError:
            raise ValueError(f"the access date {accessed} does not exist") from None
    creators = []
    for role in ROLES:
        for name in item.get(role) or []:
            if not isinstance(name, dict):
                continue
            if name.get("literal"):
                creators.append({"role": role, "literal": str(name["literal"]).strip()})
            elif name.get("family"):
                creators.append(
                    {
                        "role": role,
                        "family": str(name["family"]).strip(),
                        "given": str(name.get("given") or "").strip(),
                    }
                )
    return ReferenceData(values=values, creators=creators, key=str(item.get("id") or ""))


def _date_parts(issued: Any) -> list[int]:
    if not isinstance(issued, dict):
        return []
    parts = issued.get("date-parts") or []
    if parts and isinstance(parts[0], list):
        out = []
        for part in parts[0][:3]:
            try:
                out.append(int(part))
            except (TypeError, ValueError):
                break
        return out
    raw = issued.get("raw") or issued.get("literal")
    if raw and str(raw)[:4].isdigit():
        return [int(str(raw)[:4])]
    return []


_TYPE_ALIASES = {
    "journal-article": CslType.ARTICLE_JOURNAL,
    "book-chapter": CslType.CHAPTER,
    "proceedings-article": CslType.PAPER_CONFERENCE,
    "posted-content": CslType.ARTICLE,
    "monograph": CslType.BOOK,
    "edited-book": CslType.BOOK,
    "dissertation": CslType.THESIS,
    "pamphlet": CslType.DOCUMENT,
    "standard": CslType.REPORT,
}


def _closest_type(csl_type: str) -> str:
    """Crossref's and rarer CSL types folded into the types the library knows."""
    return _TYPE_ALIASES.get(csl_type, CslType.DOCUMENT if csl_type else CslType.ARTICLE_JOURNAL)
