"""Anonymous page cache: whole responses for visitors without a session, zero queries on a hit.

Why our own: wagtail-cache does not support Wagtail 8, and what we need is small. A response is
stored when it is a plain public page (GET/HEAD, status 200, no cookie set, not private, no CSRF
token in it) and served again to any visitor without a session cookie.

Invalidation is the content *generation* (``pages.cache_generation``), kept where every process
sees it: every key contains it, and any change that can show on a public page bumps it. Home,
area and listing pages aggregate many objects, so mapping each change to the exact URLs that
show it would be fragile; bumping the generation is immediate and can never leave a stale page
behind, and entries of old generations simply expire. A hit costs one read of the generation
(pinned for the rest of the request, so fragments and lookups reuse it) and one cache lookup;
on a miss, the Site of the request comes from the cache too.

When the cache is shared (Redis), each process also keeps its own copy of the pages it served
(``pages.local_copies``), valid for the same generation: a hit is then the one read of
the generation plus memory, instead of a second round trip and an unpickling of Redis's answer.
The shared entry holds the time it expires, so a copy never outlives it.

The key holds the scheme as well as the host and path: a page rendered for ``http://`` carries
``http://`` links and canonical URLs, and must never answer an ``https://`` request.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

from pages import cache_generation, local_copies

SKIPPED_PREFIXES = ("/admin/", "/documents/", "/newsletter/", "/media/", "/static/")


def page_cache_settings() -> tuple[int, int, int]:
    """(server cache seconds, CDN s-maxage, stale-while-revalidate), from settings."""
    return (
        getattr(settings, "PAGE_CACHE_SECONDS", 600),
        getattr(settings, "CDN_CACHE_SECONDS", 600),
        getattr(settings, "CDN_STALE_WHILE_REVALIDATE", 60),
    )


def _is_anonymous(request: HttpRequest) -> bool:
    return (
        settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


def is_cacheable_request(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD") or not getattr(settings, "PAGE_CACHE_ENABLED", True):
        return False
    path = request.path_info
    if path == "/" or path.startswith(SKIPPED_PREFIXES) or "/search/" in path:
        return False
    return _is_anonymous(request)


def is_cacheable_response(request: HttpRequest, response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if getattr(request, "is_preview", False):
        return False
    cache_control = response.get("Cache-Control", "")
    return not any(word in cache_control for word in ("private", "no-store", "no-cache"))


def cache_key(request: HttpRequest, generation: int) -> str:
    """Scheme, host, path and query: exactly what makes two requests the same page."""
    url = request.build_absolute_uri()
    digest = hashlib.sha256(url.encode()).hexdigest()
    return f"page-cache:{generation}:{digest}"


def site_cache_key(request: HttpRequest, generation: int) -> str | None:
    """Where the request's Site is cached; None for a host Django would refuse (visitors must
    not fill the cache with made-up hosts). Keyed like Wagtail's own lookup: host name and port."""
    from django.core.exceptions import DisallowedHost
    from django.http.request import split_domain_port

    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    hostname = split_domain_port(host)[0]
    return f"page-cache:{generation}:site:{hostname}:{request.get_port()}"


def remember_site(request: HttpRequest, generation: int) -> Callable[[], None]:
    """Give Wagtail the request's Site from the cache instead of a query on every request.

    Wagtail looks the Site up by host and port once per request (one query). Sites, and the root
    pages they carry, change only with a bump of the generation (sites are public models, and
    page changes bump it too), so the generation is in the key.

    This never queries by itself: on a cache miss Wagtail looks the Site up as usual, if the
    request needs it at all (health checks, static files and plain views do not), and the
    returned callable, run after the response, stores what Wagtail found.

    Private attribute, on purpose: ``Site.find_for_request`` keeps its answer on
    ``request._wagtail_site`` and reads it first, and Wagtail has no public way to hand it a
    Site; the attribute is the documented per-request cache of that method ("The site will be
    cached via request._wagtail_site"). Setting it is the only way to spare the query.
    """
    key = site_cache_key(request, generation)
    if key is None:
        return lambda: None
    box = cache.get(key)
    if box is not None:
        # Wagtail's per-request Site cache (Site.find_for_request reads it); not on HttpRequest.
        request._wagtail_site = box[0]  # type: ignore[attr-defined]
        return lambda: None

    def store() -> None:
        if hasattr(request, "_wagtail_site"):
            cache.set(key, (request._wagtail_site,), getattr(settings, "PAGE_CACHE_SECONDS", 600))

    return store


class AnonymousPageCacheMiddleware:
    """Placed right after WhiteNoise, before sessions: a hit returns before anything queries."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # The one read of the generation: fragments, lookups and the Site cache of this request
        # use the same value (a page is rendered from one consistent generation).
        with cache_generation.pinned() as generation:
            return self.respond(request, generation)

    def respond(self, request: HttpRequest, generation: int) -> HttpResponse:
        if not is_cacheable_request(request):
            store_site = remember_site(request, generation)
            response = self.get_response(request)
            store_site()
            return mark_uncacheable(request, response)

        key = cache_key(request, generation)
        hit: HttpResponse | None = local_copies.read(key, generation)
        if hit is not None:
            hit["X-Page-Cache"] = "hit"
            return hit

        store_site = remember_site(request, generation)
        response = self.get_response(request)
        store_site()
        if is_cacheable_response(request, response):
            server_seconds, cdn_seconds, swr = page_cache_settings()
            patch_cache_control(
                response,
                public=True,
                max_age=0,
                s_maxage=cdn_seconds,
                stale_while_revalidate=swr,
            )
            patch_vary_headers(response, ["Accept-Language"])
            if hasattr(response, "render") and callable(response.render):
                # A TemplateResponse (it has render()); HttpResponse does not declare is_rendered.
                response = response.render() if not response.is_rendered else response  # type: ignore[attr-defined]
            local_copies.write(key, generation, response, server_seconds)
            response["X-Page-Cache"] = "miss"
        else:
            response = mark_uncacheable(request, response)
        return response


def mark_uncacheable(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Responses for editors, with cookies or CSRF tokens must never sit in a shared cache."""
    if "Cache-Control" in response:
        return response
    if not _is_anonymous(request) or response.cookies or getattr(request, "is_preview", False):
        patch_cache_control(response, private=True, no_store=True)
    return response
