"""Machine-readable descriptions of a reference: COinS, Google Scholar tags, schema.org.

Reference managers (Zotero's browser connector reads COinS and ``citation_*``), Google Scholar
and search engines (schema.org JSON-LD) can then pick a reference straight from its page.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.utils.safestring import SafeString

from kindness_site.templatetags.seo_tags import json_ld

from .models import CreatorRole, CslType, Reference

COINS_GENRES: dict[str, tuple[str, str]] = {
    CslType.ARTICLE_JOURNAL: ("journal", "article"),
    CslType.ARTICLE_MAGAZINE: ("journal", "article"),
    CslType.ARTICLE_NEWSPAPER: ("journal", "article"),
    CslType.REVIEW: ("journal", "article"),
    CslType.PAPER_CONFERENCE: ("book", "proceeding"),
    CslType.CHAPTER: ("book", "bookitem"),
    CslType.BOOK: ("book", "book"),
    CslType.REPORT: ("book", "report"),
}


def _pages(ref: Reference) -> tuple[str, str]:
    first, _sep, last = ref.page.partition("-")
    return first.strip(), last.strip()


def coins(ref: Reference) -> str:
    """The ``title`` of an OpenURL ContextObject in SPAN (COinS); the template escapes it."""
    fmt, genre = COINS_GENRES.get(ref.csl_type, ("book", "document"))
    pairs: list[tuple[str, str]] = [
        ("ctx_ver", "Z39.88-2004"),
        ("rft_val_fmt", f"info:ofi/fmt:kev:mtx:{fmt}"),
        ("rft.genre", genre),
        ("rft.atitle" if fmt == "journal" or genre == "bookitem" else "rft.btitle", ref.title),
    ]
    if ref.container_title:
        pairs.append(("rft.jtitle" if fmt == "journal" else "rft.btitle", ref.container_title))
    if ref.issued_year:
        pairs.append(
            (
                "rft.date",
                "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(ref.issued_date_parts)),
            )
        )
    for name, value in (
        ("rft.volume", ref.volume),
        ("rft.issue", ref.issue),
        ("rft.pub", ref.publisher),
        ("rft.place", ref.publisher_place),
        ("rft.issn", ref.issn),
    ):
        if value:
            pairs.append((name, value))
    first, last = _pages(ref)
    if first:
        pairs.append(("rft.spage", first))
    if last:
        pairs.append(("rft.epage", last))
    for isbn in ref.isbn_list[:1]:
        pairs.append(("rft.isbn", isbn))
    for creator in ref.ordered_creators(CreatorRole.AUTHOR):
        if creator.literal:
            pairs.append(("rft.aucorp", creator.literal))
        else:
            pairs.append(("rft.au", f"{creator.family}, {creator.given}".strip(", ")))
    if ref.doi:
        pairs.append(("rft_id", f"info:doi/{ref.doi}"))
    if ref.url:
        pairs.append(("rft_id", ref.url))
    return urlencode(pairs)


def google_scholar_meta(ref: Reference, page_url: str) -> list[tuple[str, str]]:
    """``(name, content)`` pairs for Highwire Press ``citation_*`` meta tags."""
    meta: list[tuple[str, str]] = [("citation_title", ref.title)]
    for creator in ref.ordered_creators(CreatorRole.AUTHOR):
        meta.append(("citation_author", creator.display_name))
    if ref.issued_year:
        meta.append(
            (
                "citation_publication_date",
                "/".join(f"{p:02d}" if i else str(p) for i, p in enumerate(ref.issued_date_parts)),
            )
        )
    container_fields: dict[str, str] = {
        CslType.CHAPTER: "citation_inbook_title",
        CslType.PAPER_CONFERENCE: "citation_conference_title",
    }
    container = container_fields.get(ref.csl_type, "citation_journal_title")
    first, last = _pages(ref)
    for name, value in (
        (container, ref.container_title),
        ("citation_volume", ref.volume),
        ("citation_issue", ref.issue),
        ("citation_firstpage", first),
        ("citation_lastpage", last),
        ("citation_publisher", ref.publisher),
        ("citation_doi", ref.doi),
        ("citation_issn", ref.issn),
        ("citation_pmid", ref.pmid),
        ("citation_language", ref.language),
        ("citation_pdf_url", ref.open_access_url),
        ("citation_abstract_html_url", page_url),
    ):
        if value:
            meta.append((name, value))
    meta.extend(("citation_isbn", isbn) for isbn in ref.isbn_list)
    if ref.csl_type == CslType.REPORT and ref.publisher:
        meta.append(("citation_technical_report_institution", ref.publisher))
    if ref.csl_type == CslType.THESIS and ref.publisher:
        meta.append(("citation_dissertation_institution", ref.publisher))
    return meta


SCHEMA_TYPES: dict[str, str] = {
    CslType.ARTICLE_JOURNAL: "ScholarlyArticle",
    CslType.REVIEW: "ScholarlyArticle",
    CslType.PAPER_CONFERENCE: "ScholarlyArticle",
    CslType.ARTICLE_MAGAZINE: "Article",
    CslType.ARTICLE_NEWSPAPER: "NewsArticle",
    CslType.BOOK: "Book",
    CslType.CHAPTER: "Chapter",
    CslType.REPORT: "Report",
    CslType.THESIS: "Thesis",
    CslType.WEBPAGE: "WebPage",
    CslType.DATASET: "Dataset",
}


def schema_org_data(ref: Reference, page_url: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": SCHEMA_TYPES.get(ref.csl_type, "CreativeWork"),
        "@id": page_url,
        "name": ref.title,
        "headline": ref.title[:110],
        "url": ref.best_url or page_url,
    }
    authors = [
        {"@type": "Organization", "name": c.literal}
        if c.literal
        else {
            "@type": "Person",
            "familyName": c.family,
            "givenName": c.given,
            "name": f"{c.given} {c.family}".strip(),
        }
        for c in ref.ordered_creators(CreatorRole.AUTHOR)
    ]
    if authors:
        data["author"] = authors
    if ref.issued_year:
        data["datePublished"] = "-".join(
            f"{p:02d}" if i else str(p) for i, p in enumerate(ref.issued_date_parts)
        )
    if ref.container_title:
        kind = "Book" if ref.csl_type == CslType.CHAPTER else "Periodical"
        data["isPartOf"] = {"@type": kind, "name": ref.container_title}
    if ref.publisher:
        data["publisher"] = {"@type": "Organization", "name": ref.publisher}
    if ref.summary:
        data["description"] = ref.summary  # the plain-language summary, in the page's language
    if ref.abstract:
        data["abstract"] = ref.abstract
    if ref.language:
        data["inLanguage"] = ref.language
    if ref.page:
        data["pagination"] = ref.page
    if ref.volume:
        data["volumeNumber"] = ref.volume
    if ref.isbn_list:
        data["isbn"] = ref.isbn_list[0]
    if ref.keyword_list:
        data["keywords"] = ref.keyword_list
    if ref.licence:
        data["license"] = ref.licence
    identifiers = []
    if ref.doi:
        identifiers.append({"@type": "PropertyValue", "propertyID": "DOI", "value": ref.doi})
        data["sameAs"] = ref.doi_url
    if ref.pmid:
        identifiers.append({"@type": "PropertyValue", "propertyID": "PMID", "value": ref.pmid})
    if identifiers:
        data["identifier"] = identifiers
    return data


def schema_org(ref: Reference, page_url: str) -> SafeString:
    return json_ld(schema_org_data(ref, page_url))
