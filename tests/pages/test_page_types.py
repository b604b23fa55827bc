"""Every page type renders in English and Italian, with its own content and the right language."""

import pytest

from pages.models import StoryPage
from tests.conftest import publish_child

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "it"]


def _get(client, page):
    response = client.get(page.url)
    assert response.status_code == 200, page.url
    return response.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", ["section", "standard", "stories", "network"])
def test_page_type_renders_in_both_languages(client, tree, language, kind):
    page = tree[language][kind]
    html = _get(client, page)
    assert f'<html lang="{language}"' in html
    assert page.title in html
    assert page.url.startswith(f"/{language}/")


@pytest.mark.parametrize("language", LANGUAGES)
def test_story_page_renders_with_area_named_in_page_language(
    client, tree, areas, make_story, language
):
    story = make_story(tree["en"]["stories"], 1, areas=[areas["en"]["health"]])
    if language == "it":
        from wagtail.models import Locale

        story = story.copy_for_translation(Locale.objects.get(language_code="it"))
        story.save_revision().publish()
        story = StoryPage.objects.get(pk=story.pk)
    html = _get(client, story)
    expected = "Salute" if language == "it" else "Health"
    assert f">{expected}</li>" in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_shows_areas_stories_and_network_figures(
    client, tree, areas, make_story, make_member, language
):
    make_story(tree["en"]["stories"], 1, areas=[areas["en"]["health"]])
    make_member(1, kind="public_administration", country="IT")
    make_member(2, kind="school", country="FR")
    make_member(3, status="pending", country="DE")
    home = tree[language]["section"].get_parent()
    home.specific.network_heading = "Our network"
    html = _get(client, home)
    area_name = "Salute" if language == "it" else "Health"
    assert area_name in html
    assert tree[language]["section"].url in html
    if language == "en":
        assert "Story 1" in html
    # 2 approved members, 1 public administration, 2 countries: the pending one is not counted.
    assert "<dd>2</dd>" in html
    assert "<dd>1</dd>" in html


def test_section_page_lists_stories_tagged_with_its_area_in_any_language(
    client, tree, areas, make_story
):
    index = tree["en"]["stories"]
    make_story(index, 1, areas=[areas["it"]["health"]])  # tagged with the Italian row
    make_story(index, 2, areas=[areas["en"]["education"]])
    html = _get(client, tree["en"]["section"])
    assert "Story 1" in html
    assert "Story 2" not in html


def test_story_previous_and_next_links(client, tree, make_story):
    index = tree["en"]["stories"]
    first, second, third = (make_story(index, n) for n in (1, 2, 3))
    html = _get(client, second)
    assert f'rel="prev" href="{first.url}"' in html
    assert f'rel="next" href="{third.url}"' in html
    assert 'rel="prev"' not in _get(client, first)
    assert 'rel="next"' not in _get(client, third)


def test_standard_page_body_blocks(client, home):
    from pages.models import StandardPage

    page = StandardPage(
        title="Manifesto",
        slug="manifesto",
        body=[{"type": "quote", "value": {"quote": "Kindness first", "attribution": "Us"}}],
    )
    publish_child(home, page)
    html = _get(client, page)
    assert "<blockquote><p>Kindness first</p></blockquote>" in html
