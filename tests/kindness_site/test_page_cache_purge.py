"""What a change purges from the HTTP cache in front, and that a purge never fails a publish."""

from __future__ import annotations

import logging
from typing import Any, ClassVar

import pytest
from wagtail.contrib.frontend_cache.backends import BaseBackend

from kindness_site.page_cache_purge import VarnishBackend
from pages.models import Area, StandardPage
from tests.conftest import publish_child

pytestmark = pytest.mark.django_db


class RecordingBackend(BaseBackend):
    purged: ClassVar[list[str]] = []

    def purge(self, url: str) -> None:
        self.purged.append(url)


@pytest.fixture(autouse=True)
def recording(settings) -> list[str]:
    settings.WAGTAILFRONTENDCACHE = {
        "test": {"BACKEND": f"{__name__}.RecordingBackend"},
    }
    RecordingBackend.purged = []
    return RecordingBackend.purged


@pytest.fixture
def about(site_tree, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        english = publish_child(site_tree["en"], StandardPage(title="About us", slug="about"))
        italian = english.copy_for_translation(site_tree["it"].locale)
        italian.save_revision().publish()
        deeper = publish_child(english, StandardPage(title="Team", slug="team"))
    RecordingBackend.purged.clear()
    return {"en": english, "it": italian, "deeper": deeper}


def test_a_publish_purges_the_page_in_both_languages_its_listings_and_the_sitemap(
    about, recording, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        about["deeper"].title = "Our team"
        about["deeper"].save_revision().publish()
    purged = set(recording)
    assert "http://testserver/en/about/team/" in purged
    assert "http://testserver/en/about/" in purged  # the page above it
    assert {"http://testserver/en/", "http://testserver/it/"} <= purged  # the home pages
    assert "http://testserver/it/about/" in purged  # a listing of the other language
    assert "http://testserver/sitemap.xml" in purged
    assert not any(url.endswith("*") for url in purged)


def test_the_translation_of_a_published_page_is_purged(
    about, recording, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        about["it"].title = "Chi siamo"
        about["it"].save_revision().publish()
    assert {"http://testserver/it/about/", "http://testserver/en/about/"} <= set(recording)


def test_a_snippet_change_purges_the_whole_site(
    about, recording, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        Area.objects.create(name="Schools", slug="schools", locale=about["en"].locale)
    assert recording == ["http://testserver/*"]


def test_a_new_slug_purges_the_whole_site(about, recording, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        about["en"].slug = "about-us"
        about["en"].save_revision().publish()
    assert "http://testserver/*" in recording


def test_nothing_is_purged_before_the_commit(about, recording, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        about["en"].title = "Not yet"
        about["en"].save_revision().publish()
        assert recording == []
    assert callbacks


def test_drafts_purge_nothing(about, recording, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        about["en"].title = "Draft"
        about["en"].save_revision()
    assert recording == []


def test_an_unreachable_varnish_is_logged_and_the_publish_succeeds(
    about, settings, caplog, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "kindness_site.page_cache_purge.VarnishBackend",
            "LOCATION": "http://127.0.0.1:8149",  # nothing listens there
            "TIMEOUT": 1,
        }
    }
    with (
        caplog.at_level(logging.ERROR, logger="kindness_site.frontend_cache"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        about["en"].title = "Published anyway"
        about["en"].save_revision().publish()
    about["en"].refresh_from_db()
    assert about["en"].title == "Published anyway"
    assert "Could not purge http://testserver/en/about/" in caplog.text


def test_the_varnish_backend_sends_purge_with_the_pages_host(monkeypatch):
    sent: list[Any] = []

    class Answer:
        def __enter__(self) -> Answer:
            return self

        def __exit__(self, *args: object) -> None:
            return None

    def urlopen(request, timeout):
        sent.append((request.get_method(), request.full_url, request.get_header("Host"), timeout))
        return Answer()

    monkeypatch.setattr("urllib.request.urlopen", urlopen)
    VarnishBackend({"LOCATION": "http://10.0.0.5:6081", "TIMEOUT": 3}).purge(
        "https://example.org/en/stories/*"
    )
    assert sent == [("PURGE", "http://10.0.0.5:6081/en/stories/*", "example.org", 3.0)]


def test_a_new_story_purges_the_story_index_and_its_feeds(
    site_tree, recording, django_capture_on_commit_callbacks
):
    from pages.stories.models import StoryIndexPage, StoryPage

    with django_capture_on_commit_callbacks(execute=True):
        index = publish_child(site_tree["en"], StoryIndexPage(title="Stories", slug="stories"))
    recording.clear()
    with django_capture_on_commit_callbacks(execute=True):
        story = StoryPage(title="Kind neighbours", slug="kind-neighbours", intro="Neighbours.")
        publish_child(index, story)
    assert {
        "http://testserver/en/stories/",
        "http://testserver/en/stories/feed/rss/",
        "http://testserver/en/stories/feed/atom/",
        "http://testserver/en/stories/kind-neighbours/",
    } <= set(recording)


def test_a_bulk_write_invalidates_and_purges_the_whole_site(
    site_tree, recording, django_capture_on_commit_callbacks
):
    """bulk_create and update() send no model signals (a reference import uses them)."""
    from pages import cache_generation
    from research.models import Reference

    before = cache_generation.current()
    with django_capture_on_commit_callbacks(execute=True):
        cache_generation.bulk_change(Reference)
    assert cache_generation.current() > before
    assert recording == ["http://testserver/*"]
