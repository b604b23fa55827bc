"""Each public page stays within 12 queries, and the count does not grow with the content."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pages.models import StandardPage
from tests.conftest import publish_child

from .conftest import ImageFactory

pytestmark = pytest.mark.django_db

BUDGET = 12


def count_queries(client, url: str) -> int:
    client.get(url)  # warm-up: renditions are generated once, then reused
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


@pytest.fixture
def fill(tree, areas, make_story, make_member):
    """Add ``n`` more stories (with images and two areas) and ``n`` approved members."""
    state = {"stories": 0, "members": 0}

    def add(n: int) -> None:
        index = tree["en"]["stories"]
        tags = [areas["en"]["health"], areas["it"]["education"]]
        for _ in range(n):
            state["stories"] += 1
            image = ImageFactory() if state["stories"] % 10 == 1 else None
            make_story(index, state["stories"], areas=tags, image=image)
            state["members"] += 1
            make_member(
                state["members"],
                kind="public_administration" if state["members"] % 2 else "company",
                country=["IT", "FR", "ES", "CH"][state["members"] % 4],
                areas=tags,
            )

    return add


def _urls(tree) -> dict[str, str]:
    en = tree["en"]
    return {
        "home": "/en/",
        "home_it": "/it/",
        "section": en["section"].url,
        "story_index": en["stories"].url,
        "story_index_filtered": en["stories"].url + "?area=health",
        "network": en["network"].url,
        "network_filtered": en["network"].url + "?kind=company&country=FR&area=health",
        "network_join": en["network"].url + "join/",
        "standard": en["standard"].url,
    }


@pytest.mark.parametrize(
    "name",
    [
        "home",
        "home_it",
        "section",
        "story_index",
        "story_index_filtered",
        "network",
        "network_filtered",
        "network_join",
        "standard",
    ],
)
def test_budget_is_met_and_flat_from_10_to_50_items(client, tree, fill, name):
    url = _urls(tree)[name]
    fill(10)
    with_10 = count_queries(client, url)
    fill(40)
    with_50 = count_queries(client, url)
    assert with_10 <= BUDGET, f"{name}: {with_10} queries"
    assert with_50 == with_10, f"{name}: {with_10} queries with 10 items, {with_50} with 50"


def test_story_page_budget(client, tree, fill, areas, make_story):
    fill(10)
    story = make_story(
        tree["en"]["stories"], 999, areas=[areas["en"]["health"]], image=ImageFactory()
    )
    assert count_queries(client, story.url) <= BUDGET


def test_standard_page_with_blocks_budget(client, home):
    page = StandardPage(
        title="Measuring impact",
        slug="impact",
        body=[
            {"type": "heading", "value": {"text": "Schools", "level": "h2"}},
            {"type": "paragraph", "value": "<p>Programmes.</p>"},
            {
                "type": "statistic",
                "value": {"value": "74%", "label": "less stress", "source_text": "Zak 2017"},
            },
        ],
    )
    publish_child(home, page)
    assert count_queries(client, page.url) <= BUDGET
