"""The site search: Wagtail search restricted to the visitor's language, paginated, abuse-safe."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page

from .locales import active_locale
from .pagination import paginate


def clean_query(raw: str) -> str:
    """Collapse white space, drop control characters and cap the length.

    A hostile visitor can send megabytes or NUL bytes in ``q``; neither must reach the database.
    """
    printable = "".join(ch if ch.isprintable() else " " for ch in raw)
    return " ".join(printable.split())[: settings.SEARCH_MAX_QUERY_LENGTH]


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    raw_query = request.GET.get("q", "")
    query = clean_query(raw_query)
    notice = ""
    if len(raw_query) > settings.SEARCH_MAX_QUERY_LENGTH:
        notice = _("Your search was shortened to the first %(count)d characters.") % {
            "count": settings.SEARCH_MAX_QUERY_LENGTH
        }

    results_page = None
    promotions = []
    if query:
        locale = active_locale()
        # Results show only what every page has (title, URL, description), so the specific
        # classes are built from the base rows: no query per page type in the results.
        pages = (
            Page.objects.live()
            .public()
            .filter(locale=locale)
            .exclude(depth__lte=1)
            .specific(defer=True)
            .defer_streamfields()
        )
        results = pages.search(query)
        search_query = Query.get(query)
        search_query.add_hit()
        promotions = list(
            search_query.editors_picks.filter(page__locale=locale, page__live=True)
            .select_related("page")
            .order_by("sort_order")
        )
        results_page = paginate(request, results, settings.SEARCH_RESULTS_PER_PAGE)

    response = render(
        request,
        "pages/search.html",
        {
            "search_query": query,
            "results": results_page,
            "promotions": promotions,
            "notice": notice,
        },
    )
    response["X-Robots-Tag"] = "noindex"
    return response
