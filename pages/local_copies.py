"""Each process's own copy of generation-keyed entries of the shared cache: one Redis trip a page.

Why: with the cache in Redis (what production needs, so that no process serves a stale page),
every cached thing a request uses was a round trip: a page-cache hit made two (the content
generation, then the page), and an uncached page about twenty (menus, pictures, the tree lookups
of ``pages.queries``), a quarter of the home page's time in a profile (issue 15). Entries keyed
by the generation are what ``read`` and ``write`` handle: a process keeps its own copy of each
one it reads or writes, and answers the next request for it from memory, after the one read of
the generation that every request makes anyway.

Why it is never stale: every copy belongs to the generation it was read or written under, and
the generation moves whenever content that can show on a public page changes, in any process
(``pages.cache_generation``). The request's generation comes from the shared store, so a bump by
any process on any node is seen by the next request here, which finds the copies of the old
generation gone (they are all dropped together the first time a newer generation is seen). The
shared entry holds the time it expires, and the copy expires with it, so what depends on the
date (upcoming events) is rendered again exactly as often as without copies.

Why it is safe when the generation cannot be read: an unreachable Redis answers 0, and 0 is never
used here; a request that read an older generation than the copies' (a race with a bump) neither
reads nor writes them.

Only under a shared cache: with local memory (the embedded default, tests) the cache already is
the process's own, and copies would add nothing.

Bounded by bytes, least recently used first out (``PAGE_CACHE_LOCAL_BYTES`` per process, 0 turns
copies off): a value is kept as its pickled bytes, so the bound counts what is really held, and
each read unpickles a value of its own, exactly as a read from Redis does (threads answering at
once never share one response whose headers the middleware changes, or one mutable lookup).
"""

from __future__ import annotations

import pickle
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from functools import cache as once
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed

from . import cache_generation

# A single value may take at most this share of the bound, so one huge page cannot flush the rest.
LARGEST_SHARE = 4


@dataclass(frozen=True, slots=True)
class _Copy:
    data: bytes  # the pickled value
    expires: float  # time.time() after which the shared entry is gone too


class LocalCopies:
    """Pickled values of one generation, by cache key, least recently used evicted first."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._lock = threading.Lock()  # gthread workers serve requests on several threads
        self._copies: OrderedDict[str, _Copy] = OrderedDict()
        self._generation = 0
        self._bytes = 0

    @property
    def size_bytes(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._copies)

    def held_keys(self) -> list[str]:
        with self._lock:
            return list(self._copies)

    def _follow(self, generation: int) -> bool:
        """Drop every copy when a newer generation shows up; False when ``generation`` cannot be
        used (unknown, or older than the copies held: the request raced a bump). Lock held."""
        if generation > self._generation:
            self._copies.clear()
            self._bytes = 0
            self._generation = generation
        return generation > 0 and generation == self._generation

    def get(self, generation: int, key: str) -> Any:
        """The value, or None when there is no usable copy."""
        with self._lock:
            if not self._follow(generation):
                return None
            copy = self._copies.get(key)
            if copy is None:
                return None
            if copy.expires <= time.time():
                self._forget(key)
                return None
            self._copies.move_to_end(key)
        return pickle.loads(copy.data)

    def put(self, generation: int, key: str, value: Any, expires: float) -> None:
        data = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        if len(data) * LARGEST_SHARE > self.max_bytes:
            return
        with self._lock:
            if not self._follow(generation):
                return
            self._forget(key)
            self._copies[key] = _Copy(data, expires)
            self._bytes += len(data)
            while self._bytes > self.max_bytes:
                self._forget(next(iter(self._copies)))

    def _forget(self, key: str) -> None:
        copy = self._copies.pop(key, None)
        if copy is not None:
            self._bytes -= len(copy.data)


@once
def local_copies() -> LocalCopies | None:
    """This process's copies; None when they would add nothing (the cache is already this
    process's own memory) or ``PAGE_CACHE_LOCAL_BYTES`` is 0."""
    max_bytes = getattr(settings, "PAGE_CACHE_LOCAL_BYTES", 0)
    if max_bytes <= 0 or cache_generation.cache_is_per_process():
        return None
    return LocalCopies(max_bytes)


def _forget_local_copies(*, setting: str, **_kwargs: object) -> None:
    if setting in {"CACHES", "PAGE_CACHE_LOCAL_BYTES"}:
        local_copies.cache_clear()


setting_changed.connect(_forget_local_copies, dispatch_uid="pages_local_copies")


def read(key: str, generation: int) -> Any:
    """What ``write`` stored under ``key`` (a key holding ``generation``): from this process's
    copy, else from the shared cache (then copied here); None when neither has it."""
    copies = local_copies()
    if copies is not None and (value := copies.get(generation, key)) is not None:
        return value
    stored = cache.get(key)
    if not isinstance(stored, tuple) or len(stored) != 2:  # absent, or of an older format
        return None
    expires: float = stored[0]
    if copies is not None:
        copies.put(generation, key, stored[1], expires)
    return stored[1]


def write(key: str, generation: int, value: Any, seconds: int) -> None:
    """Store in the shared cache with the time it expires (so copies expire with it), and copy
    here. ``value`` must not be None (None reads as absent)."""
    expires = time.time() + seconds
    cache.set(key, (expires, value), seconds)
    copies = local_copies()
    if copies is not None:
        copies.put(generation, key, value, expires)
