"""sitemap.xml: every public address of every language, with hreflang alternates.

Wagtail's own sitemap walks only the default site's root page (one language) and builds
addresses from the Site record's host and port. This one lists every live, public page of every
language tree plus the addresses routable pages serve below themselves (each reference of the
research library, each team member's profile: the page's ``sitemap_subpages()``), all on
``BASE_URL``, which is also how every page's canonical URL is built, so the two always agree.
Entries that are translations of each other share a group and list each other, plus
``x-default`` (English).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import cache_page
from wagtail.models import Page, Site

from pages.public_urls import page_absolute_url
from pages.queries import public_live

if TYPE_CHECKING:  # django.contrib.sites is not installed; only its types are named here
    from django.contrib.sites.models import Site as DjangoSite
    from django.contrib.sites.requests import RequestSite

X_DEFAULT_LANGUAGE = "en"


@dataclass(frozen=True)
class SitemapEntry:
    """One address: ``group`` is shared by the translations of the same content."""

    location: str
    language: str
    lastmod: datetime | None
    group: tuple[Any, ...]


def subpage_entry(page: Page, route: str, lastmod: datetime | None, group: Any) -> SitemapEntry:
    """An address a routable ``page`` serves at ``route`` (for ``sitemap_subpages()``)."""
    return SitemapEntry(
        location=page_absolute_url(page) + route.lstrip("/"),
        language=page.locale.language_code,
        lastmod=lastmod,
        group=(type(page).__name__, group),
    )


def site_entries(request: HttpRequest) -> list[SitemapEntry]:
    """Every public address, pages first in tree order."""
    site = Site.find_for_request(request) or Site.objects.get(is_default_site=True)
    roots = Page.objects.filter(translation_key=site.root_page.translation_key)
    query = Page.objects.none()
    for root in roots:
        query |= Page.objects.descendant_of(root, inclusive=True)
    pages = (
        public_live(query).select_related("locale").order_by("path").defer_streamfields().specific()
    )
    entries = []
    for page in pages:
        location = page_absolute_url(page)
        if not location:
            continue
        entries.append(
            SitemapEntry(
                location=location,
                language=page.locale.language_code,
                lastmod=page.last_published_at,
                group=("page", page.translation_key),
            )
        )
        subpages = getattr(page, "sitemap_subpages", None)
        if subpages is not None:
            entries.extend(subpages())
    return entries


class SiteSitemap(Sitemap[SitemapEntry]):
    limit = 5000

    def __init__(self, request: HttpRequest) -> None:
        self.request = request

    def items(self) -> list[SitemapEntry]:
        return site_entries(self.request)

    def get_urls(
        self,
        page: int | str = 1,
        site: DjangoSite | RequestSite | None = None,
        protocol: str | None = None,
    ) -> list[dict[str, Any]]:
        entries = list(self.paginator.page(page).object_list)
        # Alternates come from all entries, not only this sitemap page's.
        groups: dict[tuple[Any, ...], list[SitemapEntry]] = defaultdict(list)
        for entry in self.items() if self.paginator.num_pages > 1 else entries:
            groups[entry.group].append(entry)
        urls = []
        for entry in entries:
            translations = groups[entry.group]
            alternates = []
            if len(translations) > 1:
                alternates = [
                    {"lang_code": other.language, "location": other.location}
                    for other in translations
                ]
                default = next((o for o in translations if o.language == X_DEFAULT_LANGUAGE), None)
                if default is not None:
                    alternates.append({"lang_code": "x-default", "location": default.location})
            urls.append(
                {
                    "item": entry,
                    "location": entry.location,
                    "lastmod": entry.lastmod,
                    "alternates": alternates,
                }
            )
        return urls


@cache_page(60 * 15)
def sitemap_view(request: HttpRequest) -> HttpResponse:
    return sitemap(request, sitemaps={"pages": SiteSitemap(request)})
