"""The one content generation: where it lives, how it counts, and the deploy check around it."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest
from django.core.cache import caches

from kindness_site.checks import shared_cache_check
from pages import cache_generation
from pages.cache_generation import FileStore, SharedCacheStore

REDIS_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/4",
        "KEY_PREFIX": "test-generation",
    }
}


def _bump_many(path: str, times: int) -> None:
    store = FileStore(Path(path))
    for _ in range(times):
        store.bump()


def test_the_file_store_counts_every_bump_of_every_process(tmp_path):
    path = tmp_path / "generation"
    start = FileStore(path).read()
    processes = [
        multiprocessing.get_context("spawn").Process(target=_bump_many, args=(str(path), 25))
        for _ in range(4)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(60)
        assert process.exitcode == 0
    assert FileStore(path).read() == start + 100


def test_a_lost_number_restarts_above_every_old_one(tmp_path):
    store = FileStore(tmp_path / "generation")
    old = store.bump()
    (tmp_path / "generation").unlink()
    assert store.read() > old


def test_the_shared_store_restarts_above_an_evicted_number(settings):
    settings.CACHES = REDIS_CACHE
    store = SharedCacheStore()
    old = store.bump()
    caches["default"].delete(cache_generation.GENERATION_KEY)
    assert store.read() > old
    assert store.bump() == store.read()


def test_the_store_follows_the_cache(settings, tmp_path):
    """Redis when the cache is shared; otherwise the file every process on the machine sees."""
    assert isinstance(cache_generation.store(), FileStore)
    settings.CACHES = REDIS_CACHE
    assert isinstance(cache_generation.store(), SharedCacheStore)
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.CACHE_GENERATION_FILE = tmp_path / "elsewhere"
    store = cache_generation.store()
    assert isinstance(store, FileStore)
    assert store.path == tmp_path / "elsewhere"


def test_a_bump_in_a_request_is_seen_by_the_rest_of_that_request():
    with cache_generation.pinned() as pinned:
        assert cache_generation.current() == pinned
        bumped = cache_generation.bump()
        assert cache_generation.current() == bumped != pinned


@pytest.mark.django_db
def test_a_change_bumps_again_when_its_transaction_commits(django_capture_on_commit_callbacks):
    before = cache_generation.current()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        cache_generation.content_changed()
    assert cache_generation.current() == before + 1
    for callback in callbacks:
        callback()
    assert cache_generation.current() == before + 2


def test_deploy_check_refuses_a_per_process_cache(settings):
    settings.SINGLE_PROCESS = False
    errors = shared_cache_check()
    assert [error.id for error in errors] == ["kindness_site.E001"]
    assert "REDIS_URL" in (errors[0].hint or "")


def test_deploy_check_accepts_a_shared_cache_or_a_single_process(settings):
    settings.SINGLE_PROCESS = True
    assert shared_cache_check() == []
    settings.SINGLE_PROCESS = False
    settings.CACHES = REDIS_CACHE
    assert shared_cache_check() == []


def test_deploy_check_is_registered_for_deploy_only():
    from django.core.checks import registry

    assert shared_cache_check in registry.registry.get_checks(include_deployment_checks=True)
    assert shared_cache_check not in registry.registry.get_checks()
