"""A per-address rate limit kept in the cache (shared by all web nodes when Redis is used).

Fixed windows are enough here: the goal is to stop a script flooding the join form, not to meter
people precisely. The address is ``REMOTE_ADDR``; behind a proxy, set it from the proxy's header
in the proxy or a middleware (trusting ``X-Forwarded-For`` blindly would let anyone pick their IP).
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.http import HttpRequest


@dataclass(frozen=True)
class RateLimit:
    scope: str
    limit: int
    window: int  # seconds

    def _keys(self, request: HttpRequest) -> tuple[str, str]:
        address = request.META.get("REMOTE_ADDR", "") or "unknown"
        digest = hashlib.sha256(address.encode()).hexdigest()[:32]
        base = f"ratelimit:{self.scope}:{digest}"
        return f"{base}:count", f"{base}:start"

    def hit(self, request: HttpRequest) -> int:
        """Count one attempt; return 0 when allowed, else the seconds to wait."""
        count_key, start_key = self._keys(request)
        now = int(time.time())
        cache.add(start_key, now, self.window)
        cache.add(count_key, 0, self.window)
        try:
            count = cache.incr(count_key)
        except ValueError:  # expired between add and incr
            cache.set(count_key, 1, self.window)
            count = 1
        if count <= self.limit:
            return 0
        started = cache.get(start_key, now)
        return max(1, self.window - (now - int(started)))
