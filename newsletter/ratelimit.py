"""Fixed-window counters in the shared cache (Redis in production, so all nodes agree)."""

from __future__ import annotations

import time

from django.core.cache import cache


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


def client_ip(request) -> str:
    """The peer address; behind a proxy, REMOTE_ADDR must be set to the client by the proxy."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def wait_for_send_slot(per_second: int) -> None:
    """Block until this process may make one provider call under the site-wide rate.

    Every worker increments the same per-second counter in the cache; one over the limit waits for
    the next second. With the local-memory cache the limit is per process only.
    """
    if per_second <= 0:
        return
    while True:
        now = time.time()
        second = int(now)
        key = f"newsletter:send-rate:{second}"
        cache.add(key, 0, timeout=5)
        try:
            count = cache.incr(key)
        except ValueError:
            continue
        if count <= per_second:
            return
        time.sleep(max(0.001, second + 1 - now))
