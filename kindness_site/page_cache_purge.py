"""Purge the HTTP cache in front (Varnish or a CDN) through ``wagtail.contrib.frontend_cache``.

Our own page cache is invalidated by the content generation; a cache in front cannot read that
number, so it is told which URLs to drop. What a change affects:

* a page published, unpublished or deleted: the page in every language (its cached paths
  included, e.g. a story index's feeds); every ancestor of each translation (the home page and
  the listings above it); the home pages and their children in every language (the home,
  area and index pages, which list what is new); the pages that link to it (Wagtail's reference
  index); ``/sitemap.xml``;
* a page whose URL changed (a move, a new slug), or a page a menu or snippet links to, or any
  other public model (snippets, settings, images, documents, menus, sites, redirects): the
  whole site. These show on pages nobody could list exactly, and they change rarely.

A URL is purged with every query string after it (pagination, filters): the VCL in
``deploy/varnish/`` bans ``/path`` and ``/path?...``. "The whole site" is the URL ``<root>/*``,
which the VCL reads as a prefix ban, CloudFront as its own wildcard and our Cloudflare backend as
"purge everything".

Purges are collected while a transaction runs and sent once, right after it commits and after
the generation's own post-commit bump, so that what the front cache fetches again is the new
content. They run in the process that made the change (a purge enqueued as a task would wait
for a worker's next poll), and a purge that fails is logged and never fails the publish.
"""

from __future__ import annotations

import logging
import threading
import urllib.error
import urllib.request
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.db import transaction
from wagtail.contrib.frontend_cache.backends import CloudflareBackend, HTTPBackend
from wagtail.contrib.frontend_cache.utils import PurgeBatch

logger = logging.getLogger("kindness_site.frontend_cache")

EVERYTHING = "*"


class _Pending(threading.local):
    def __init__(self) -> None:
        self.pages: dict[int, Any] = {}
        self.everything = False


_pending = _Pending()


def frontend_cache_enabled() -> bool:
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def page_changed(page: Any) -> None:
    """Purge what shows ``page`` once the current transaction commits."""
    if frontend_cache_enabled():
        _pending.pages[page.pk] = page
        _schedule()


def site_changed() -> None:
    """Purge the whole site once the current transaction commits."""
    if frontend_cache_enabled():
        _pending.everything = True
        _schedule()


def _schedule() -> None:
    """One flush per change: the first to run after a commit sends everything collected, the
    others find nothing left. (A flag saying "already scheduled" would stick after a rollback,
    which drops the callbacks; a rolled-back change is merely purged with the next commit.)"""
    transaction.on_commit(flush)


def flush() -> None:
    """Send what was collected (run on commit; callable directly outside a transaction)."""
    pages, everything = list(_pending.pages.values()), _pending.everything
    _pending.pages, _pending.everything = {}, False
    if not pages and not everything:
        return
    try:
        try:
            urls = None if everything else urls_for_pages(pages)
        except Exception:  # when in doubt, everything: a stale page is worse than a cold cache
            logger.exception("Could not work out what shows the changed pages; purging the site")
            urls = None
        purge(site_urls() if urls is None else urls)
    except Exception:  # a purge must never fail a publish
        logger.exception("Purging the front cache failed; cached pages expire on their own")


def site_urls() -> list[str]:
    from wagtail.models import Site

    return sorted({f"{site.root_url}/{EVERYTHING}" for site in Site.objects.all()})


def urls_for_pages(pages: Iterable[Any]) -> list[str] | None:
    """The URLs that show any of ``pages``; None when that is the whole site."""
    from wagtail.models import Page, ReferenceIndex

    pages = list(pages)
    translations = list(
        Page.objects.filter(translation_key__in={page.translation_key for page in pages})
    )
    known = {page.pk for page in translations}
    translations += [page for page in pages if page.pk not in known]  # deleted already
    batch = PurgeBatch()
    batch.add_pages(translations)
    ancestor_paths = {
        page.path[:end]
        for page in translations
        for end in range(2 * page.steplen, len(page.path), page.steplen)
    }
    batch.add_pages(Page.objects.filter(path__in=ancestor_paths))
    batch.add_pages(Page.objects.filter(depth__in=(2, 3)).live())
    live = [page for page in translations if page.pk in known]
    for source, _references in ReferenceIndex.get_references_to_in_bulk(
        live
    ).group_by_source_object():
        if not isinstance(source, Page):
            return None  # a menu or a snippet shows it: on any page
        batch.add_page(source)
    batch.add_urls(f"{root}/sitemap.xml" for root in _roots(translations))
    return sorted(batch.urls)


def _roots(pages: Iterable[Any]) -> set[str]:
    roots = set()
    for page in pages:
        url = page.get_full_url()
        if url:
            parts = urlsplit(url)
            roots.add(f"{parts.scheme}://{parts.netloc}")
    return roots


def purge(urls: list[str]) -> None:
    """Through Wagtail's own purge (every configured backend whose hostnames match), now."""
    from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task

    if urls:
        purge_urls_from_cache_task.call(urls)


class VarnishBackend(HTTPBackend):
    """Wagtail's HTTP purger with a time limit: a hung cache must not hold a publish up.

    Sends ``PURGE <path>`` to the cache with the page's host, like ``HTTPBackend``; failures are
    logged at ERROR with the URL and the reason, never raised.
    """

    def __init__(self, params: dict[str, Any]) -> None:
        self.timeout = float(params.pop("TIMEOUT", 5))
        location = urlsplit(params["LOCATION"])
        self.location = (location.scheme, location.netloc)
        super().__init__(params)

    def purge(self, url: str) -> None:
        parts = urlsplit(url)
        request = urllib.request.Request(
            urlunsplit((*self.location, parts.path or "/", parts.query, "")),
            method="PURGE",
            headers={"Host": parts.netloc, "User-Agent": "kindness-site-frontend-cache"},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout):
                pass
        except (urllib.error.URLError, OSError) as error:
            logger.error("Could not purge %s from the front cache: %s", url, error)


class CloudflareEverythingBackend(CloudflareBackend):
    """Cloudflare purges by exact URL; a whole-site purge (``<root>/*``) becomes Cloudflare's own
    "purge everything" for the zone."""

    def purge_batch(self, urls: list[str]) -> None:
        if any(url.endswith(f"/{EVERYTHING}") for url in urls):
            self._purge_everything()
        else:
            super().purge_batch(urls)

    def purge(self, url: str) -> None:
        self.purge_batch([url])

    def _purge_everything(self) -> None:
        import requests

        if self.cloudflare_token:
            headers = {"Authorization": f"Bearer {self.cloudflare_token}"}
        else:
            headers = {"X-Auth-Email": self.cloudflare_email, "X-Auth-Key": self.cloudflare_api_key}
        try:
            response = requests.post(
                self.cloudflare_purge_endpoint_url,
                json={"purge_everything": True},
                headers=headers,
                timeout=30,
            )
            response.raise_for_status()
        except requests.RequestException as error:
            logger.error("Could not purge everything from Cloudflare: %s", error)
