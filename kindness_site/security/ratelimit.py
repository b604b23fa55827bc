"""Fixed-window rate limits in the shared cache, and the one 429 answer every app gives.

The cache is Redis in production, so every web node counts against the same window; with the
local-memory cache of the embedded default the limits hold per process. Identities (addresses,
user names) are hashed before they become cache keys: no personal data sits in the cache and an
arbitrarily long or odd input still makes a short, valid key.

``RATELIMIT_ENABLED=false`` (environment) switches every limit built on this module off, which the
load test needs; nothing else should turn it off.
"""

from __future__ import annotations

import hashlib
import math
import time
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

KEY_PREFIX = "rl"


def enabled() -> bool:
    return getattr(settings, "RATELIMIT_ENABLED", True)


def _key(scope: str, ident: str, bucket: int | str) -> str:
    digest = hashlib.sha256(ident.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return f"{KEY_PREFIX}:{scope}:{digest}:{bucket}"


def hit(scope: str, ident: str, limit: int, window: int, now: float | None = None) -> int | None:
    """Count one attempt in the current window.

    Returns the seconds until the window ends when this attempt exceeds ``limit``, else None.
    """
    if not enabled():
        return None
    now = time.time() if now is None else now
    bucket = int(now // window)
    key = _key(scope, ident, bucket)
    cache.add(key, 0, timeout=window + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr: start the window again
        cache.set(key, 1, timeout=window + 1)
        count = 1
    if count > limit:
        return max(1, math.ceil((bucket + 1) * window - now))
    return None


def reset(scope: str, ident: str, window: int, now: float | None = None) -> None:
    """Forget the attempts counted in the current window (e.g. after a successful sign-in)."""
    now = time.time() if now is None else now
    cache.delete(_key(scope, ident, int(now // window)))


def lock(scope: str, ident: str, seconds: int, now: float | None = None) -> None:
    """Refuse ``ident`` for ``seconds`` (checked with :func:`locked_for`)."""
    now = time.time() if now is None else now
    cache.set(_key(scope, ident, "lock"), now + seconds, timeout=seconds)


def locked_for(scope: str, ident: str, now: float | None = None) -> int | None:
    """Seconds left on a lock set by :func:`lock`, or None when ``ident`` is not locked."""
    if not enabled():
        return None
    until: float | None = cache.get(_key(scope, ident, "lock"))
    now = time.time() if now is None else now
    if until is None or until <= now:
        return None
    return max(1, math.ceil(until - now))


def unlock(scope: str, ident: str) -> None:
    cache.delete(_key(scope, ident, "lock"))


def client_ip(request: HttpRequest) -> str:
    """The peer address. Behind a reverse proxy, the proxy must set REMOTE_ADDR (gunicorn
    ``--forwarded-allow-ips``); X-Forwarded-For is never trusted here because any client can
    forge it and so escape every limit."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def too_many_requests(
    request: HttpRequest, retry_after: int, message: str | None = None
) -> HttpResponse:
    """The 429 answer: a short translated page and ``Retry-After`` in seconds."""
    minutes = max(1, math.ceil(retry_after / 60))
    body = render_to_string(
        "kindness_site/security/too_many_requests.html",
        {
            "message": message or _("Too many requests. Please wait a little and try again."),
            "minutes": minutes,
        },
        request=request,
    )
    response = HttpResponse(body, status=429)
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response


def ratelimit(
    scope: str,
    limit: int | Callable[[], int],
    window: int,
    *,
    key: Callable[[HttpRequest], str] = client_ip,
    methods: tuple[str, ...] = ("POST",),
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Decorator for a view: at most ``limit`` requests per ``window`` seconds per ``key``.

    ``limit`` may be a callable so a setting read at request time (and overridden in tests)
    decides it. Only ``methods`` are counted: reading a form is free, sending it is not.
    """

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:

            if request.method in methods:
                allowed = limit() if callable(limit) else limit
                wait = hit(scope, key(request), allowed, window)
                if wait is not None:
                    return too_many_requests(request, wait)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
