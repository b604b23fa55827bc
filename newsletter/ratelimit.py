"""Fixed-window counters in the shared cache (Redis in production, so all nodes agree)."""

from __future__ import annotations

import time

from django.core.cache import cache
from django.http import HttpRequest


def hit(scope: str, ident: str, limit: int, window: int, now: float | None = None) -> int | None:
    """Count one attempt; return the seconds to wait when ``limit`` is exceeded, else None."""
    now = time.time() if now is None else now
    bucket = int(now // window)
    key = f"newsletter:rl:{scope}:{ident}:{bucket}"
    cache.add(key, 0, timeout=window + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr: start again
        cache.set(key, 1, timeout=window + 1)
        count = 1
    if count > limit:
        return max(1, int((bucket + 1) * window - now) + 1)
    return None


def client_ip(request: HttpRequest) -> str:
    """The peer address; behind a proxy, REMOTE_ADDR must be set to the client by the proxy."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"


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
        key = f"newsletter:send-rate:{second}"
        cache.add(key, 0, timeout=5)
        try:
            total = cache.incr(key, wanted)
        except ValueError:  # expired between add and incr: try again
            continue
        wanted -= min(wanted, max(0, per_second - (total - wanted)))
        if wanted:
            time.sleep(max(0.001, second + 1 - now))
