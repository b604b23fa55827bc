"""The one rate limiter of the site: fixed windows in the shared cache, and the one 429 answer.

Every limit (newsletter sign-up, join form, two-factor codes, ...) counts here, keyed on
:func:`~kindness_site.security.client_address.client_ip` or on another identity. The cache is
Redis in production, so every web node counts against the same window; with the local-memory cache
of the embedded default the limits hold per process. Identities (addresses, user names) are hashed
before they become cache keys: no personal data sits in the cache and an arbitrarily long or odd
input still makes a short, valid key.

``RATELIMIT_ENABLED=false`` (environment) switches every limit off, which the load test needs;
nothing else should turn it off. The newsletter's provider send rate (:func:`wait_for_send_slots`)
is not a limit on visitors and is never switched off, but it counts with the same storage code.
"""

from __future__ import annotations

import hashlib
import math
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from .client_address import client_ip

KEY_PREFIX = "rl"


def enabled() -> bool:
    return settings.RATELIMIT_ENABLED


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
    count = _add(_key(scope, ident, bucket), 1, window + 1)
    if count > limit:
        return max(1, math.ceil((bucket + 1) * window - now))
    return None


def _add(key: str, amount: int, timeout: int) -> int:
    """Add ``amount`` to the counter at ``key`` (created for ``timeout`` seconds); the new total.

    ``add`` then ``incr`` is atomic on Redis and on the local-memory cache, so concurrent web
    nodes never lose a count."""
    cache.add(key, 0, timeout=timeout)
    try:
        return cache.incr(key, amount)
    except ValueError:  # evicted between add and incr: start the window again
        cache.set(key, amount, timeout=timeout)
        return amount


def wait_for_send_slots(count: int, per_second: int) -> None:
    """Block until this process may make ``count`` provider calls under the site-wide rate.

    Every worker adds to the same per-second counter in the cache, ``count`` at a time (one
    ``incr`` for a whole sub-batch instead of one per message); what does not fit in this second
    waits for the next. A counter pushed past the limit only makes the others wait: the rate is
    never exceeded, at worst under-used for the rest of that second. With the local-memory cache
    the limit is per process only.
    """
    if per_second <= 0:
        return
    wanted = count
    while wanted > 0:
        now = time.time()
        second = int(now)
        total = _add(f"{KEY_PREFIX}:send-rate:{second}", wanted, 5)
        wanted -= min(wanted, max(0, per_second - (total - wanted)))
        if wanted:
            time.sleep(max(0.001, second + 1 - now))


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
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method in methods:
                allowed = limit() if callable(limit) else limit
                wait = hit(scope, key(request), allowed, window)
                if wait is not None:
                    return too_many_requests(request, wait)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
