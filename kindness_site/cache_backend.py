"""Django's Redis cache, but a Redis that is down costs a cache miss, not the page.

Every public page reads the cache (the page cache, fragments, the content generation); with
Django's own backend a stopped Redis turns each of those reads into a 500. Here a read that cannot
reach Redis is a miss and a fill is dropped, so pages are rendered from the database, uncached,
and ``/readyz`` reports the cache as down (its probe value does not come back). What invalidates
(``incr``, ``delete``, ``clear``) still raises: a change that cannot tell the other processes to
drop what they cached must fail where it is made, not leave them serving a stale page.

It also keeps one ``redis.Redis`` per connection pool (``ReusingRedisCacheClient``): Django builds
a new one for every operation, and that was a visible cost in a profile (issue 15).
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
LOG_EVERY_SECONDS = 10.0


class ReusingRedisCacheClient(RedisCacheClient):
    """Django's client, but one ``redis.Redis`` per connection pool instead of one per operation.

    Django's ``get_client`` constructs a ``redis.Redis`` for every cache call, and redis-py's
    constructor copies its table of some 170 response callbacks into a new dict each time: in a
    cProfile of an uncached page (24 cache reads) that was about 0.3 ms a read, and it is paid on
    the one read of the generation that every page-cache hit makes too. A ``redis.Redis`` holds no
    connection of its own (each command borrows one from the pool), and redis-py documents it as
    safe to share between threads, so sharing it changes nothing else.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        # Django's own members, which django-stubs do not declare. Django keeps each pool for the
        # client's lifetime, so its id names it.
        pool = self._get_connection_pool(write)  # type: ignore[attr-defined]
        client = self._clients.get(id(pool))
        if client is None:
            fresh = self._client(connection_pool=pool)  # type: ignore[attr-defined]
            client = self._clients.setdefault(id(pool), fresh)
        return client


class TolerantRedisCache(RedisCache):
    """Reads and fills survive an unreachable Redis; invalidations do not."""

    _last_logged = 0.0

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient

    def _unreachable(self, operation: str, error: Exception) -> None:
        """One warning per process every few seconds, not one per request."""
        now = time.monotonic()
        if now - TolerantRedisCache._last_logged >= LOG_EVERY_SECONDS:
            TolerantRedisCache._last_logged = now
            logger.warning("Redis unreachable (%s): serving uncached. %s", operation, error)

    def get(self, key: str, default: Any = None, version: int | None = None) -> Any:
        try:
            return super().get(key, default, version)
        except UNREACHABLE as error:
            self._unreachable("get", error)
            return default

    def get_many(self, keys: Any, version: int | None = None) -> dict[str, Any]:
        try:
            return super().get_many(keys, version)
        except UNREACHABLE as error:
            self._unreachable("get_many", error)
            return {}

    def has_key(self, key: str, version: int | None = None) -> bool:
        try:
            return super().has_key(key, version)
        except UNREACHABLE as error:
            self._unreachable("has_key", error)
            return False

    def set(
        self, key: str, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> None:
        try:
            super().set(key, value, timeout, version)
        except UNREACHABLE as error:
            self._unreachable("set", error)

    def add(
        self, key: str, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> bool:
        try:
            return super().add(key, value, timeout, version)
        except UNREACHABLE as error:
            self._unreachable("add", error)
            return False

    def set_many(
        self, data: dict[str, Any], timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> list[str]:
        try:
            return super().set_many(data, timeout, version)
        except UNREACHABLE as error:
            self._unreachable("set_many", error)
            return list(data)

    def touch(self, key: str, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        try:
            return super().touch(key, timeout, version)
        except UNREACHABLE as error:
            self._unreachable("touch", error)
            return False
