"""The home page's cached sections change the moment content does, and never in previews."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_a_new_story_shows_on_the_next_request(client, tree, make_story):
    index = tree["en"]["stories"]
    make_story(index, 1)
    assert "Story 1" in client.get("/en/").content.decode()
    assert "Story 2" not in client.get("/en/").content.decode()  # served from the fragment
    make_story(index, 2)
    assert "Story 2" in client.get("/en/").content.decode()


def test_unpublishing_a_story_removes_it_at_once(client, tree, make_story):
    story = make_story(tree["en"]["stories"], 1)
    assert "Story 1" in client.get("/en/").content.decode()
    story.unpublish()
    assert "Story 1" not in client.get("/en/").content.decode()


def test_an_edited_section_heading_shows_at_once(client, home, tree, make_story):
    make_story(tree["en"]["stories"], 1)
    client.get("/en/")
    home.stories_heading = "True stories of kindness"
    home.save_revision().publish()
    assert "True stories of kindness" in client.get("/en/").content.decode()


def test_languages_get_their_own_sections(client, tree, make_story):
    make_story(tree["en"]["stories"], 1)
    assert "Story 1" in client.get("/en/").content.decode()
    assert "Story 1" not in client.get("/it/").content.decode()


def test_a_preview_shows_unsaved_changes_not_the_cached_section(
    admin_client, home, tree, make_story
):
    make_story(tree["en"]["stories"], 1)
    admin_client.get("/en/")  # fills the fragments
    home.stories_heading = "Draft heading only in the preview"
    response = home.make_preview_request()
    response.render()
    assert "Draft heading only in the preview" in response.content.decode()
    assert "Draft heading only in the preview" not in admin_client.get("/en/").content.decode()
