"""Each process's copy of generation-keyed shared entries (pages, fragments, lookups): bounded, one
generation at a time, never stale."""

from __future__ import annotations

import pickle
import time

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.template import Context, Template

from pages import cache_generation, local_copies, queries
from pages.local_copies import LocalCopies
from pages.models import StandardPage
from tests.conftest import publish_child

LATER = time.time() + 600


def page(text: str, size: int = 0) -> HttpResponse:
    return HttpResponse(text + "x" * size)


def pickled_size(response: HttpResponse) -> int:
    return len(pickle.dumps(response, pickle.HIGHEST_PROTOCOL))


def test_a_copy_is_served_for_its_generation_as_a_response_of_its_own():
    copies = LocalCopies(1_000_000)
    copies.put(5, "a", page("first"), LATER)
    one, two = copies.get(5, "a"), copies.get(5, "a")
    assert one is not None and two is not None
    assert one.content == b"first"
    assert one is not two  # threads change headers on what they return


def test_a_newer_generation_drops_every_copy():
    copies = LocalCopies(1_000_000)
    copies.put(5, "a", page("first"), LATER)
    copies.put(5, "b", page("second"), LATER)
    assert copies.get(6, "a") is None
    assert copies.get(5, "b") is None  # gone, not just hidden
    assert len(copies) == 0 and copies.size_bytes == 0


def test_an_older_generation_neither_reads_nor_writes():
    copies = LocalCopies(1_000_000)
    copies.put(6, "a", page("new"), LATER)
    copies.put(5, "b", page("rendered before the bump"), LATER)
    assert copies.get(5, "a") is None
    assert copies.get(6, "b") is None
    assert copies.get(6, "a") is not None


def test_an_unknown_generation_is_never_used():
    """An unreachable Redis reads as generation 0: pages are then served uncached."""
    copies = LocalCopies(1_000_000)
    copies.put(0, "a", page("during an outage"), LATER)
    assert copies.get(0, "a") is None
    assert len(copies) == 0


def test_a_copy_expires_with_the_shared_entry():
    copies = LocalCopies(1_000_000)
    copies.put(5, "a", page("dated"), time.time() - 1)
    assert copies.get(5, "a") is None
    assert copies.size_bytes == 0


def test_the_bound_in_bytes_evicts_the_least_recently_used():
    size = pickled_size(page("a", 1000))
    copies = LocalCopies(4 * size + size // 2)
    for key in "abcd":
        copies.put(5, key, page(key, 1000), LATER)
    assert copies.get(5, "a") is not None  # "b" is now the least recently used
    copies.put(5, "e", page("e", 1000), LATER)
    assert copies.get(5, "b") is None
    assert all(copies.get(5, key) is not None for key in "acde")
    assert copies.size_bytes == 4 * size <= copies.max_bytes


def test_a_page_too_large_for_its_share_is_not_copied():
    copies = LocalCopies(4000)
    copies.put(5, "small", page("s"), LATER)
    copies.put(5, "huge", page("h", 2000), LATER)
    assert copies.get(5, "huge") is None
    assert copies.get(5, "small") is not None


def test_copies_only_under_a_shared_cache(settings):
    settings.PAGE_CACHE_LOCAL_BYTES = 1_000_000
    assert local_copies.local_copies() is None  # local memory: the cache is already the process's
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/4",
        }
    }
    assert isinstance(local_copies.local_copies(), LocalCopies)
    settings.PAGE_CACHE_LOCAL_BYTES = 0
    assert local_copies.local_copies() is None


@pytest.mark.django_db
class TestWithCopies:
    """Copies on (a shared cache is stood in for by local memory, the generation by its file)."""

    @pytest.fixture(autouse=True)
    def _copies(self, settings, monkeypatch):
        settings.PAGE_CACHE_ENABLED = True
        self.copies = LocalCopies(1_000_000)
        monkeypatch.setattr(local_copies, "local_copies", lambda: self.copies)

    def page_keys(self) -> list[str]:
        return [key for key in self.copies.held_keys() if key.startswith("page-cache:")]

    @pytest.fixture
    def about(self, site_tree):
        return publish_child(site_tree["en"], StandardPage(title="About us", slug="about"))

    def test_a_hit_comes_from_the_copy_without_the_shared_cache(
        self, client, about, django_assert_num_queries
    ):
        first = client.get("/en/about/")
        assert first["X-Page-Cache"] == "miss"
        assert len(self.page_keys()) == 1
        cache.clear()  # the shared cache forgets the page: the copy still answers
        with django_assert_num_queries(0):
            second = client.get("/en/about/")
        assert second["X-Page-Cache"] == "hit"
        assert second.content == first.content

    def test_a_shared_hit_is_copied(self, client, about):
        client.get("/en/about/")
        self.copies = LocalCopies(1_000_000)  # another process: nothing copied yet
        assert client.get("/en/about/")["X-Page-Cache"] == "hit"  # from the shared cache
        assert len(self.page_keys()) == 1
        cache.clear()
        assert client.get("/en/about/")["X-Page-Cache"] == "hit"  # now from its own copy

    def test_a_publish_is_seen_at_once(self, client, about):
        client.get("/en/about/")
        about.title = "About the movement"
        about.save_revision().publish()
        response = client.get("/en/about/")
        assert response["X-Page-Cache"] == "miss"
        assert b"About the movement" in response.content

    def test_a_lookup_is_read_from_the_copy_as_a_value_of_its_own(self):
        calls = []

        def factory() -> dict[str, int]:
            calls.append(1)
            return {"x": 1}

        assert queries.cached("probe", factory) == {"x": 1}
        cache.clear()
        value = queries.cached("probe", factory)
        assert value == {"x": 1} and len(calls) == 1
        value["x"] = 2  # a caller's change stays its own, as with a value read from Redis
        assert queries.cached("probe", factory) == {"x": 1}
        cache_generation.bump()
        assert queries.cached("probe", factory) == {"x": 1} and len(calls) == 2

    def test_a_fragment_is_read_from_the_copy(self, rf):
        template = Template(
            '{% load fragment_cache %}{% publiccache "probe" %}{{ n }}{% endpubliccache %}'
        )
        request = rf.get("/")
        assert template.render(Context({"request": request, "n": 1})) == "1"
        cache.clear()
        assert template.render(Context({"request": request, "n": 2})) == "1"
        cache_generation.bump()
        assert template.render(Context({"request": request, "n": 3})) == "3"
