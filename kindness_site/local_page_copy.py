"""Each process's own copy of pages from the shared page cache, so a hit costs one Redis trip.

Why: with the page cache in Redis (what production needs, so that no process serves a stale
page), a hit made two round trips, one for the content generation and one for the page, and
unpickled the page from Redis's answer; under load each trip waits its turn on the two cores.
A process that serves a page once keeps its bytes here and answers the next request for it from
memory, after the one read of the generation that every request makes anyway.

Why it is never stale: every copy belongs to the generation it was rendered under, and the
generation moves whenever content that can show on a public page changes, in any process
(``pages.cache_generation``). The request's generation comes from the shared store, so a bump by
any process on any node is seen by the next request here, which finds the copies of the old
generation gone (they are all dropped together the first time a newer generation is seen). A
copy also expires when the shared entry does (``PAGE_CACHE_SECONDS``), so pages whose content
depends on the date (upcoming events) are re-rendered exactly as often as before.

Why it is safe when the generation cannot be read: an unreachable Redis answers 0, and 0 is never
used here; a request that read an older generation than the copies' (a race with a bump) neither
reads nor writes them.

Bounded by bytes, least recently used first out (``PAGE_CACHE_LOCAL_BYTES`` per process, 0 turns
it off): a page is kept as its pickled bytes, so the bound counts what is really held, and each
hit unpickles a response of its own (threads answering at once never share one object whose
headers the middleware above changes).
"""

from __future__ import annotations

import pickle
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from django.http import HttpResponse

# A single page may take at most this share of the bound, so one huge page cannot flush the rest.
LARGEST_SHARE = 4


@dataclass(frozen=True, slots=True)
class _Copy:
    data: bytes  # the pickled response
    expires: float  # time.time() after which the shared entry is gone too


class LocalPageCopies:
    """Pickled responses of one generation, by cache key, least recently used evicted first."""

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

    def _follow(self, generation: int) -> bool:
        """Drop every copy when a newer generation shows up; False when ``generation`` cannot be
        used (unknown, or older than the copies held: the request raced a bump). Lock held."""
        if generation > self._generation:
            self._copies.clear()
            self._bytes = 0
            self._generation = generation
        return generation > 0 and generation == self._generation

    def get(self, generation: int, key: str) -> HttpResponse | None:
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
        response: HttpResponse = pickle.loads(copy.data)
        return response

    def put(self, generation: int, key: str, response: HttpResponse, expires: float) -> None:
        data = pickle.dumps(response, pickle.HIGHEST_PROTOCOL)
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
