"""sitemap.xml for every language tree, with hreflang alternates for each translated page.

Wagtail's own sitemap only walks the default site's root page (one language), so this one walks
every locale's tree and groups translations by ``translation_key`` in a single query.
"""

from collections import defaultdict
from typing import Any
from uuid import UUID

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import cache_page
from wagtail.models import Page, Site
from wagtail.query import PageQuerySet


class PageSitemap(Sitemap[Page]):
    limit = 5000

    def __init__(self, request: HttpRequest) -> None:
        self.request = request
        self._alternates: dict[UUID, list[Page]] | None = None

    def items(self) -> PageQuerySet:
        site = Site.find_for_request(self.request) or Site.objects.get(is_default_site=True)
        roots = Page.objects.filter(translation_key=site.root_page.translation_key)
        query = Page.objects.none()
        for root in roots:
            query |= Page.objects.descendant_of(root, inclusive=True)
        return (
            query.live()
            .public()
            .select_related("locale")
            .order_by("translation_key", "locale__language_code")
            .defer_streamfields()
            .specific()
        )

    def _alternates_by_key(self, pages: list[Page]) -> dict[UUID, list[Page]]:
        grouped: dict[UUID, list[Page]] = defaultdict(list)
        for page in pages:
            grouped[page.translation_key].append(page)
        return grouped

    def get_urls(
        self, page: int | str = 1, site: Any = None, protocol: str | None = None
    ) -> list[dict[str, Any]]:
        pages = list(self.paginator.page(page).object_list)
        grouped = self._alternates_by_key(pages)
        urls = []
        for item in pages:
            location = item.get_full_url(self.request)
            if not location:
                continue
            alternates = [
                {
                    "lang_code": other.locale.language_code,
                    "location": other.get_full_url(self.request),
                }
                for other in grouped[item.translation_key]
            ]
            urls.append(
                {
                    "item": item,
                    "location": location,
                    "lastmod": item.last_published_at,
                    "alternates": alternates if len(alternates) > 1 else [],
                }
            )
        return urls


@cache_page(60 * 15)
def sitemap_view(request: HttpRequest) -> HttpResponse:
    return sitemap(request, sitemaps={"pages": PageSitemap(request)})
