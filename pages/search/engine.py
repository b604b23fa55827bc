"""One search, whatever the database: which index entries the visitor may find, counted by
kind, ranked, one page of them turned into hits, and a suggestion when nothing matched."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Count, Exists, IntegerField, Model, OuterRef, Q, QuerySet
from django.db.models.expressions import Combinable
from django.db.models.functions import Cast
from django.utils.safestring import SafeString
from wagtail.models import Locale, Page
from wagtail.search.models import IndexEntry

from ..queries import view_restricted
from .kinds import KIND_KEYS, KINDS, searched_models
from .text import highlight, query_terms


@dataclass(frozen=True)
class SearchHit:
    """One result as the template shows it (small and picklable, so results can be cached)."""

    kind: str
    title: str
    url: str
    snippet: SafeString
    language: str = ""


@dataclass
class SearchOutcome:
    query: str
    kind: str
    total: int
    number: int
    per_page: int
    hits: list[SearchHit]
    facets: list[tuple[str, str, int]] = field(default_factory=list)  # key, label, count
    suggestion: str = ""


def text_fields() -> tuple[str, str]:
    """The plain-text columns of Wagtail's index entry on this database."""
    if connection.vendor == "postgresql":
        return "title_text", "body_text"
    return "title", "body"


def eligible_entries(locale: Locale | None) -> tuple[QuerySet[Any], dict[int, str]]:
    """Index entries the visitor may find (live, public, in their language; references have no
    language) and ``{content_type_id: kind}``."""
    models = searched_models()
    types = ContentType.objects.get_for_models(*models)
    kind_of = {types[model].pk: kind for model, kind in models.items()}
    page_types = [types[m].pk for m in models if issubclass(m, Page)]
    pk = Cast(OuterRef("object_id"), IntegerField())
    page_filter = Page.objects.filter(pk=pk, live=True, depth__gt=1).filter(~view_restricted())
    if locale is not None:
        page_filter = page_filter.filter(locale=locale)
    condition: Q | Combinable = Q(content_type_id__in=page_types) & Exists(page_filter)
    for model in models:
        if issubclass(model, Page):
            continue
        rows = model._default_manager.filter(pk=pk)
        names = {f.name for f in model._meta.get_fields()}
        if "live" in names:
            rows = rows.filter(live=True)
        if "locale" in names and locale is not None:
            rows = rows.filter(locale=locale)
        condition |= Q(content_type_id=types[model].pk) & Exists(rows)
    return IndexEntry.objects.filter(condition), kind_of


def page_hits(
    ids: list[str], snippets: dict[str, SafeString], kind_of: dict[int, str]
) -> dict[str, SearchHit]:
    pages = (
        Page.objects.filter(pk__in=ids)
        .select_related("locale")
        .only("title", "url_path", "search_description", "content_type_id", "locale__language_code")
    )
    return {
        str(page.pk): SearchHit(
            kind=kind_of.get(page.content_type_id, "pages"),
            title=page.title,
            url=page.url or "",
            snippet=snippets.get(str(page.pk)) or highlight(page.search_description, []),
            language=page.locale.language_code,
        )
        for page in pages
    }


def build_hits(
    rows: list[dict[str, Any]], kind_of: dict[int, str], request: Any
) -> list[SearchHit]:
    """Turn ranked index rows into hits: one query per model on the page of results.

    Feature models provide ``search_hits(ids, snippets, request)`` (``{id: (title, url)}``)
    since only they know their URL (a profile lives on the team page, a reference in the
    library); pages are handled here.
    """
    types = {pk: ContentType.objects.get_for_id(pk) for pk in {r["content_type_id"] for r in rows}}
    by_model: dict[type[Model], list[dict[str, Any]]] = {}
    for row in rows:
        model = types[row["content_type_id"]].model_class()
        assert model is not None  # indexed rows belong to installed models
        by_model.setdefault(Page if issubclass(model, Page) else model, []).append(row)
    found: dict[tuple[type[Model], str], SearchHit] = {}
    for model, model_rows in by_model.items():
        ids = [row["object_id"] for row in model_rows]
        snippets = {row["object_id"]: row["snippet"] for row in model_rows}
        if model is Page:
            hits = page_hits(ids, snippets, kind_of)
        else:
            kind = kind_of[model_rows[0]["content_type_id"]]
            hits = {
                pk: SearchHit(kind=kind, title=title, url=url, snippet=snippets.get(pk, ""))
                # Feature models define search_hits (see the docstring); Model does not declare it.
                for pk, (title, url) in model.search_hits(ids, request).items()  # type: ignore[attr-defined]
            }
        for pk, hit in hits.items():
            found[(model, pk)] = hit
    ordered: list[SearchHit] = []
    for row in rows:
        model = types[row["content_type_id"]].model_class()
        assert model is not None  # indexed rows belong to installed models
        row_hit = found.get((Page if issubclass(model, Page) else model, row["object_id"]))
        if row_hit is not None:  # a reference without a page or address is listed unlinked
            ordered.append(row_hit)
    return ordered


def facets(counts: dict[int, int], kind_of: dict[int, str]) -> list[tuple[str, str, int]]:
    by_kind: dict[str, int] = {}
    for type_id, count in counts.items():
        by_kind[kind_of[type_id]] = by_kind.get(kind_of[type_id], 0) + count
    return [(k.key, str(k.label), by_kind[k.key]) for k in KINDS if by_kind.get(k.key)]


def site_search(
    query: str,
    locale: Locale | None,
    *,
    kind: str = "",
    page: Any = 1,
    per_page: int = 10,
    request: Any = None,
) -> SearchOutcome:
    """Search for ``query`` in ``locale``'s language; ``kind`` narrows to one kind."""
    from . import fallback, postgres

    engine = postgres if connection.vendor == "postgresql" else fallback
    kind = kind if kind in KIND_KEYS else ""
    language = locale.language_code if locale is not None else "en"
    entries, kind_of = eligible_entries(locale)
    matched = engine.matching(entries, query, language)
    counts = dict(
        matched.values("content_type_id")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("content_type_id", "n")
    )
    if kind:
        chosen = [type_id for type_id, key in kind_of.items() if key == kind]
        matched = matched.filter(content_type_id__in=chosen)
        total = sum(n for type_id, n in counts.items() if type_id in chosen)
    else:
        total = sum(counts.values())
    pages = max(1, -(-total // per_page))
    try:
        number = min(max(int(page), 1), pages)
    except (TypeError, ValueError):
        number = 1
    offset = (number - 1) * per_page
    rows = engine.ranked(matched, query, language, offset, offset + per_page) if total else []
    suggestion = ""
    if not total and query_terms(query):
        suggestion = engine.suggest(entries, query, language)
    return SearchOutcome(
        query=query,
        kind=kind,
        total=total,
        number=number,
        per_page=per_page,
        hits=build_hits(rows, kind_of, request) if rows else [],
        facets=facets(counts, kind_of),
        suggestion=suggestion,
    )
