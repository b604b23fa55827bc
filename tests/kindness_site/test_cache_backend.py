"""The Redis cache backend with Redis out of reach: misses for reads, errors for invalidation."""

from __future__ import annotations

import logging
import socket

import pytest
from redis.exceptions import ConnectionError as RedisConnectionError

from kindness_site import cache_backend
from kindness_site.cache_backend import TolerantRedisCache


@pytest.fixture
def unreachable(monkeypatch) -> TolerantRedisCache:
    """The backend pointed at a loopback port nobody listens on (taken, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setattr(TolerantRedisCache, "_last_logged", 0.0)
    return TolerantRedisCache(
        f"redis://127.0.0.1:{port}/0", {"OPTIONS": {"socket_connect_timeout": 0.5}}
    )


def test_reads_are_misses_and_fills_are_dropped(unreachable: TolerantRedisCache):
    assert unreachable.get("page", "missing") == "missing"
    assert unreachable.get_many(["a", "b"]) == {}
    assert unreachable.has_key("page") is False
    unreachable.set("page", "body", 60)
    assert unreachable.add("page", "body", 60) is False
    assert unreachable.set_many({"a": 1, "b": 2}, 60) == ["a", "b"]
    assert unreachable.touch("page", 60) is False


def test_invalidation_still_fails_loudly(unreachable: TolerantRedisCache):
    for invalidate in (
        lambda: unreachable.incr("generation"),
        lambda: unreachable.delete("page"),
        unreachable.clear,
    ):
        with pytest.raises(RedisConnectionError):
            invalidate()


def test_one_warning_per_interval_not_one_per_read(unreachable: TolerantRedisCache, caplog):
    with caplog.at_level(logging.WARNING, logger=cache_backend.__name__):
        for _ in range(5):
            unreachable.get("page")
    warnings = [r for r in caplog.records if r.name == cache_backend.__name__]
    assert len(warnings) == 1
    assert "Redis unreachable (get): serving uncached" in warnings[0].getMessage()


def test_one_redis_client_per_pool_serves_every_operation():
    """Django would build a new redis.Redis per call (a measurable cost on every request)."""
    backend = TolerantRedisCache(
        "redis://127.0.0.1:6379/4", {"KEY_PREFIX": "test-client-reuse", "TIMEOUT": 60}
    )
    client = backend._cache.get_client("a")
    assert backend._cache.get_client("b", write=True) is client
    backend.set("reused", "yes")
    try:
        assert backend.get("reused") == "yes"
        assert backend._cache.get_client("c") is client
    finally:
        backend.delete("reused")
