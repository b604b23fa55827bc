"""The one *generation* number behind everything cached that is derived from public content.

Every cache of derived data (whole pages, ``{% publiccache %}`` fragments, menus, the tree
lookups of ``pages.queries``, the request's Site, the rendition markers) puts this number in its
keys. Any change that can show on a public page bumps it (``kindness_site.page_cache_signals``),
so all of those entries are left behind at once and simply expire. Mapping each change to the
exact keys it affects would be fragile; one number can never leave a stale entry behind.

It must be seen by every process that serves or changes content, or a change made by one of
them (a publish in the admin on another worker or node, ``publish_scheduled``, an import
command, a task) would not reach the others. So it lives in one of two places:

* the default cache, when that cache is shared between processes (Redis, set by ``REDIS_URL``);
* otherwise a small file, ``CACHE_GENERATION_FILE`` (``VAR_DIR/cache-generation``), which every
  process on the machine sees: ``runserver`` and a management command beside it, or the workers
  of a single-machine deployment. Reading it costs one small ``open``/``read`` (a few µs).

It is read once per request: the page-cache middleware pins the value it read for the rest of
the request (``pinned``), and every cache consulted while rendering uses that one value. A
process outside any request (a command, a task) reads the store each time.

A lost number (Redis evicted it, ``var/`` was wiped) restarts from the current time in
microseconds, above any value counted before, so entries cached under an old number can never
become current again.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.signals import setting_changed
from django.db import transaction
from django.dispatch import Signal

GENERATION_KEY = "content-generation"

_pinned: ContextVar[int | None] = ContextVar("cache_generation", default=None)


def _fresh_start() -> int:
    """A starting number above any counted before (counting from the current time)."""
    return time.time_ns() // 1000


class GenerationStore(Protocol):
    def read(self) -> int: ...

    def bump(self) -> int: ...


class SharedCacheStore:
    """The number in the default cache, for caches every process shares (Redis)."""

    def read(self) -> int:
        cache = caches["default"]
        generation = cache.get(GENERATION_KEY)
        if generation is None:
            cache.add(GENERATION_KEY, _fresh_start(), None)
            generation = cache.get(GENERATION_KEY, 0)
        return generation

    def bump(self) -> int:
        cache = caches["default"]
        try:
            return cache.incr(GENERATION_KEY)
        except ValueError:  # never set, or evicted: start again above every old number
            cache.add(GENERATION_KEY, _fresh_start(), None)
            return cache.incr(GENERATION_KEY)


class FileStore:
    """The number in a file, for processes that share a machine but not a cache.

    A bump writes the new number to a temporary file and renames it over the old one, under an
    exclusive lock on a separate lock file: readers never see a half-written number and take no
    lock, and two processes bumping at once count twice.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock_path = path.with_name(path.name + ".lock")

    def read(self) -> int:
        # Unbuffered os.open/os.read: a third of the cost of open().read() (on every request).
        try:
            descriptor = os.open(self.path, os.O_RDONLY)
        except FileNotFoundError:
            return self._initialise()
        try:
            generation = int(os.read(descriptor, 32) or 0)
        except ValueError:
            generation = 0
        finally:
            os.close(descriptor)
        return generation or self._initialise()

    def _initialise(self) -> int:
        with self._locked():
            current = self._read_unlocked()
            if current:
                return current
            return self._write(_fresh_start())

    def bump(self) -> int:
        with self._locked():
            return self._write((self._read_unlocked() or _fresh_start()) + 1)

    @contextmanager
    def _locked(self) -> Iterator[None]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.lock_path, "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _read_unlocked(self) -> int:
        try:
            return int(self.path.read_bytes() or 0)
        except (FileNotFoundError, ValueError):
            return 0

    def _write(self, generation: int) -> int:
        temporary = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        temporary.write_bytes(str(generation).encode())
        os.replace(temporary, self.path)
        return generation


def cache_is_per_process(alias: str = "default") -> bool:
    """True when each process has a cache of its own (local memory), so nothing written to it
    reaches another process."""
    return isinstance(caches[alias], LocMemCache | DummyCache)


@cache
def store() -> GenerationStore:
    if cache_is_per_process():
        return FileStore(Path(settings.CACHE_GENERATION_FILE))
    return SharedCacheStore()


def _forget_store(*, setting: str, **_kwargs: object) -> None:
    if setting in {"CACHES", "CACHE_GENERATION_FILE"}:
        store.cache_clear()


setting_changed.connect(_forget_store, dispatch_uid="cache_generation_store")


_last_seen: list[int] = [0]


def _read() -> int:
    """Read the store; in a process with a cache of its own, a number moved by another process
    also drops what Wagtail caches under fixed keys and clears only by signal, in the process
    that made the change (the site root paths, the locales' names)."""
    generation = store().read()
    if generation != _last_seen[0]:
        if _last_seen[0] and cache_is_per_process():
            from wagtail.models import Site

            Site.clear_site_root_paths_cache()
            caches["default"].delete("wagtail_locales_display_name")
        _last_seen[0] = generation
    return generation


def current() -> int:
    """The generation: the one pinned for this request, or else read from the store."""
    generation = _pinned.get()
    return _read() if generation is None else generation


def bump() -> int:
    """Leave every cached derived entry behind; a pinned value follows, so whatever the same
    request renders after its own change is rendered afresh."""
    generation = store().bump()
    if _pinned.get() is not None:
        _pinned.set(generation)
    return generation


def content_changed() -> None:
    """Bump now, and again once the surrounding transaction commits.

    The second bump matters: between the first one and the commit, another process can read the
    new number, render the *old* rows and cache them under it. Bumping after the commit leaves
    whatever was rendered before it behind. (The first bump keeps a process's own reads within
    the transaction fresh.) Outside a transaction both happen at once.
    """
    bump()
    transaction.on_commit(bump, robust=True)


changed_in_bulk = Signal()  # receivers: the purge of the cache in front (kindness_site)


def bulk_change(sender: type) -> None:
    """Call after ``bulk_create``, ``bulk_update`` or ``update()`` of rows public pages show:
    those send no model signals, so nothing else would know. Everything is invalidated (and the
    cache in front purged) as for any other public change."""
    changed_in_bulk.send(sender=sender)


@contextmanager
def pinned() -> Iterator[int]:
    """Read the generation once and use that value for everything until the block ends."""
    generation = _read()
    token = _pinned.set(generation)
    try:
        yield generation
    finally:
        _pinned.reset(token)


def key(name: str, generation: int | None = None) -> str:
    """A cache key for derived data that the generation invalidates (the current one unless
    given: a caller that also needs the number reads it once)."""
    return f"g{current() if generation is None else generation}:{name}"
