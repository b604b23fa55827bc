"""Every page has a meta description, even when the editor left "search description" empty."""

from __future__ import annotations

import re

import pytest
from django.conf import settings as django_settings

from pages.models import StandardPage, StoryPage
from tests.conftest import publish_child

BASE_URL = django_settings.BASE_URL

pytestmark = pytest.mark.django_db


def meta(html: str, name: str) -> str:
    """The content of ``<meta name=...>`` or ``<meta property=...>`` (fails when absent)."""
    match = re.search(rf'<meta (?:name|property)="{re.escape(name)}" content="([^"]*)"', html)
    assert match, f"no {name} meta element"
    return match.group(1)


def canonical(html: str) -> str:
    match = re.search(r'<link rel="canonical" href="([^"]*)"', html)
    assert match, "no canonical link"
    return match.group(1)


def test_search_description_wins_when_written(client, tree):
    page = publish_child(
        tree["en"]["standard"],
        StandardPage(
            title="Written", slug="written", intro="<p>Intro</p>", search_description="Mine."
        ),
    )
    html = client.get(page.url).content.decode()
    assert meta(html, "description") == "Mine."
    assert meta(html, "og:description") == "Mine."


def test_intro_stands_in_as_plain_text_cut_at_160_characters(client, tree):
    intro = "<p><b>Kindness</b> is measurable. " + "Acts of care change outcomes. " * 10 + "</p>"
    page = publish_child(tree["en"]["standard"], StandardPage(title="T", slug="t", intro=intro))
    description = meta(client.get(page.url).content.decode(), "description")
    assert description.startswith("Kindness is measurable. Acts of care")
    assert "<" not in description and "&lt;" not in description
    assert len(description) <= 160
    assert description.endswith("…")


def test_story_uses_its_intro(client, tree):
    story = publish_child(
        tree["en"]["stories"],
        StoryPage(title="A story", slug="a-story", intro="A bus driver who waits."),
    )
    html = client.get(story.url).content.decode()
    assert meta(html, "description") == "A bus driver who waits."


def test_home_uses_the_hero_introduction(client, home):
    home.hero_intro = "<p>Spreading the <i>culture</i> of kindness.</p>"
    home.save_revision().publish()
    assert meta(client.get("/en/").content.decode(), "description") == (
        "Spreading the culture of kindness."
    )


def test_join_form_is_indexable_with_its_own_canonical_and_description(client, tree):
    network = tree["en"]["network"]
    network.join_intro = "<p>Schools, companies and towns join the network.</p>"
    network.save_revision().publish()
    html = client.get(network.url + "join/").content.decode()
    assert 'name="robots"' not in html
    assert meta(html, "description") == "Schools, companies and towns join the network."
    assert canonical(html) == f"{BASE_URL}{network.url}join/"


@pytest.mark.parametrize("language", ["en", "it"])
def test_newsletter_sign_up_page_describes_itself(client, site_tree, language):
    html = client.get(f"/{language}/newsletter/subscribe/?source=footer").content.decode()
    assert len(meta(html, "description")) > 40
    assert canonical(html) == f"{BASE_URL}/{language}/newsletter/subscribe/"
    assert html.count('name="description"') == 1
