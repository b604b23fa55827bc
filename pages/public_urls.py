"""Absolute URLs on the public origin, ``BASE_URL``.

Every absolute URL the site publishes (canonical, hreflang, Open Graph, JSON-LD, the sitemap,
feeds, robots.txt) is built here, never from the request's host or the Site record's host and
port: a page then has one canonical address whichever proxy, port or host name served it, and it
is the address the sitemap lists.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings


def absolute(url: str) -> str:
    """A site path on ``BASE_URL``; a URL that is already absolute (media on object storage or
    a CDN) is left as it is."""
    if not url or urlsplit(url).scheme:
        return url or ""
    return f"{settings.BASE_URL}/{url.lstrip('/')}"


def page_absolute_url(page: Any) -> str:
    """The canonical address of a Wagtail page: its path on ``BASE_URL``; empty when the page
    is not routable."""
    parts = page.get_url_parts() if page is not None else None
    return absolute(parts[2]) if parts else ""
