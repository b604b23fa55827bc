"""The search page: ``pages.search`` behind a per-client limit and a cache of recent results.

Search is the one public page the page cache cannot hold (every query is another page), so it is
the cheapest way to load the database. Two defences, both in the shared cache:

* results are kept per language, kind, page and query, keyed by the page cache's generation, so
  a popular query costs the database once per content change and is never stale;
* each client (``client_ip``) may run ``SEARCH_REQUESTS_PER_MINUTE`` searches a minute; past
  that it gets the site's 429 page with ``Retry-After``.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.contrib.search_promotions.models import Query

from pages import cache_generation
from pages.locales import active_locale
from pages.search import KINDS, SearchOutcome, clean_query, site_search

from .security.client_address import client_ip
from .security.ratelimit import hit, too_many_requests

RESULTS_CACHE_SECONDS = 600


class _ResultWindow:
    """The hits of one page of results standing in for the whole list, so Django's paginator
    (and the pagination partial) work without the other pages being fetched."""

    def __init__(self, outcome: SearchOutcome) -> None:
        self.outcome = outcome
        self.offset = (outcome.number - 1) * outcome.per_page

    def count(self) -> int:
        return self.outcome.total

    def __len__(self) -> int:
        return self.outcome.total

    def __getitem__(self, window: slice) -> list[Any]:
        start = (window.start or 0) - self.offset
        stop = (window.stop if window.stop is not None else self.outcome.total) - self.offset
        return self.outcome.hits[max(start, 0) : max(stop, 0)]


def _cache_key(language: str, kind: str, page: str, query: str) -> str:
    digest = hashlib.sha256(f"{language}\x1f{kind}\x1f{page}\x1f{query}".encode()).hexdigest()
    return f"search:{cache_generation.current()}:{digest[:40]}"


def cached_search(request: HttpRequest, query: str, kind: str, page: str) -> SearchOutcome:
    """``site_search``, from the cache when the same search ran since content last changed."""
    locale = active_locale()
    language = getattr(locale, "language_code", "")
    key = _cache_key(language, kind, page, query)
    outcome: SearchOutcome | None = cache.get(key)
    if outcome is None:
        outcome = site_search(
            query,
            locale,
            kind=kind,
            page=page,
            per_page=settings.SEARCH_RESULTS_PER_PAGE,
            request=request,
        )
        cache.set(key, outcome, RESULTS_CACHE_SECONDS)
    return outcome


def _promotions(query: str) -> list[Any]:
    """Editors' picks for the query in the visitor's language (Wagtail search promotions)."""
    search_query = Query.get(query)
    search_query.add_hit()
    return list(
        search_query.editors_picks.filter(page__locale=active_locale(), page__live=True)
        .select_related("page")
        .order_by("sort_order")
    )


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    raw_query = request.GET.get("q", "")
    query = clean_query(raw_query)
    notice = ""
    if len(raw_query) > settings.SEARCH_MAX_QUERY_LENGTH:
        notice = _("Your search was shortened to the first %(count)d characters.") % {
            "count": settings.SEARCH_MAX_QUERY_LENGTH
        }
    kind = request.GET.get("kind", "")
    results: Any = None
    outcome: SearchOutcome | None = None
    promotions: list[Any] = []
    if query:
        wait = hit("search", client_ip(request), settings.SEARCH_REQUESTS_PER_MINUTE, 60)
        if wait is not None:
            return too_many_requests(
                request, wait, _("Too many searches at once. Please wait a moment.")
            )
        outcome = cached_search(request, query, kind, request.GET.get("page", "1"))
        # _ResultWindow is a sliceable stand-in for the whole list, not a Sequence.
        window: Any = _ResultWindow(outcome)
        results = Paginator(window, outcome.per_page).page(outcome.number)
        promotions = _promotions(query)
    params = request.GET.copy()
    params.pop("page", None)
    response = render(
        request,
        "pages/search.html",
        {
            "search_query": query,
            "results": results,
            "outcome": outcome,
            "kinds": KINDS,
            "kind": getattr(outcome, "kind", ""),
            "promotions": promotions,
            "notice": notice,
        },
    )
    response["X-Robots-Tag"] = "noindex"
    return response
