"""Query helpers that keep every public page within its query budget.

Two tools:

* ``public_live(qs)``: Wagtail's ``.public()`` runs one extra query per call to read every view
  restriction; this does the same exclusion as a correlated subquery inside the main query.
* Small read-through caches for data that changes rarely but is read on every page (the area
  taxonomy, the home pages, the network's figures), each dropped by a signal when its rows change.
  They live in the configured cache (Redis in production), so all web nodes agree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db.models import Exists, F, OuterRef, QuerySet
from django.db.models.functions import Length, Substr
from wagtail.models import PageViewRestriction

CACHE_SECONDS = 60 * 60
AREAS_KEY = "pages:areas:v1"
TREE_VERSION_KEY = "pages:tree-version"
NETWORK_KEY = "pages:network:v1"
SETTINGS_KEY = "pages:site-settings:v1:{site_id}"


def public_live(pages: QuerySet) -> QuerySet:
    """Live pages outside any private section, without a separate restrictions query."""
    restricted = PageViewRestriction.objects.annotate(
        restricted_path=F("page__path"),
    ).filter(restricted_path=Substr(OuterRef("path"), 1, Length(F("page__path"))))
    return pages.live().filter(~Exists(restricted))


def cached[T](key: str, factory: Callable[[], T], timeout: int = CACHE_SECONDS) -> T:
    value = cache.get(key)
    if value is None:
        value = factory()
        cache.set(key, value, timeout)
    return value


def forget(*keys: str) -> None:
    cache.delete_many(list(keys))


def area_taxonomy() -> dict[str, Any]:
    """Every area row of every language: ``{"by_pk": {...}, "by_locale": {locale_id: [...]}}``."""
    from .models import Area

    def load() -> dict[str, Any]:
        rows = list(Area.objects.order_by("sort_order", "name"))
        by_locale: dict[int, list] = {}
        for area in rows:
            by_locale.setdefault(area.locale_id, []).append(area)
        return {"by_pk": {area.pk: area for area in rows}, "by_locale": by_locale}

    return cached(AREAS_KEY, load)


def tree_version() -> int:
    """A number that changes whenever any page is published, unpublished, moved or deleted.

    Keys of caches that hold page URLs or titles include it, so a renamed parent can never leave
    a stale link behind (its descendants' URLs change too, without their own signals).
    """
    version = cache.get(TREE_VERSION_KEY)
    if version is None:
        version = 1
        cache.add(TREE_VERSION_KEY, version, None)
    return version


def bump_tree_version() -> None:
    try:
        cache.incr(TREE_VERSION_KEY)
    except ValueError:
        cache.set(TREE_VERSION_KEY, 2, None)


@dataclass(frozen=True)
class HomeLink:
    """What templates need of a home page (title and URL), small enough to cache."""

    pk: int
    title: str
    url: str
    locale_id: int
    language_code: str


def home_links() -> list[HomeLink]:
    """Every language's live home page (cached per tree version)."""
    from wagtail.models import Page

    def load() -> list[HomeLink]:
        homes = (
            Page.objects.live()
            .filter(depth=2)
            .select_related("locale")
            .only("title", "url_path", "locale__language_code")
            .order_by("path")
        )
        return [
            HomeLink(
                home.pk, home.title, home.url or "/", home.locale_id, home.locale.language_code
            )
            for home in homes
        ]

    return cached(f"pages:homes:{tree_version()}", load)


def page_translation_urls(page) -> dict[str, str]:
    """``{language_code: url}`` of the live translations of ``page`` (cached per tree version)."""
    from wagtail.models import Page

    def load() -> dict[str, str]:
        translations = (
            Page.objects.live()
            .filter(translation_key=page.translation_key)
            .select_related("locale")
            .only("url_path", "locale__language_code")
        )
        return {t.locale.language_code: t.url for t in translations if t.url}

    return cached(f"pages:translations:{tree_version()}:{page.translation_key}", load)
