"""Site search: per language, paginated, capped, robust against junk."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pages.models import StandardPage
from tests.conftest import publish_child

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(site_tree, locales):
    english = publish_child(
        site_tree["en"], StandardPage(title="Kindness at school", slug="school")
    )
    italian = english.copy_for_translation(locales["it"])
    italian.title = "Gentilezza a scuola"
    italian.save_revision().publish()
    return english, italian


def test_finds_pages_in_the_active_language_only(client, pages):
    english = client.get("/en/search/?q=kindness").content.decode()
    italian = client.get("/it/search/?q=gentilezza").content.decode()
    assert "Kindness at school" in english and "Gentilezza a scuola" not in english
    assert "Gentilezza a scuola" in italian and "Kindness at school" not in italian


def test_empty_query_shows_the_form_only(client, site_tree):
    response = client.get("/en/search/")
    assert response.status_code == 200
    assert b'name="q"' in response.content
    assert b"result" not in response.content.lower().split(b"<main")[1].split(b"</main>")[0]


def test_no_results_message(client, site_tree):
    html = client.get("/en/search/?q=zzzzqqq").content.decode()
    assert "No results for" in html


@pytest.mark.parametrize("junk", ["%00%01", "' OR 1=1 --", "<script>alert(1)</script>", "🙂" * 50])
def test_junk_queries_never_fail(client, site_tree, junk):
    response = client.get(f"/en/search/?q={junk}&page=abc")
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content


def test_overlong_query_is_capped_with_a_notice(client, site_tree, settings):
    response = client.get("/en/search/?q=" + "a" * 5000)
    assert response.status_code == 200
    assert response.context["search_query"] == "a" * settings.SEARCH_MAX_QUERY_LENGTH
    assert b"shortened" in response.content


def test_pagination_and_out_of_range_pages(client, site_tree, settings):
    settings.SEARCH_RESULTS_PER_PAGE = 2
    for number in range(5):
        publish_child(
            site_tree["en"], StandardPage(title=f"Kindness story {number}", slug=f"s{number}")
        )
    first = client.get("/en/search/?q=kindness")
    assert first.context["results"].paginator.num_pages == 3
    assert b'rel="next"' in first.content
    last = client.get("/en/search/?q=kindness&page=999")
    assert last.context["results"].number == 3


def test_search_is_not_indexed_by_robots(client, site_tree):
    response = client.get("/en/search/?q=x")
    assert response["X-Robots-Tag"] == "noindex"


def test_query_budget_does_not_grow_with_results(client, site_tree, settings):
    """At most 12 queries, the same with 10 results as with 50 (both languages)."""
    settings.SEARCH_RESULTS_PER_PAGE = 10

    def add(start: int, count: int) -> None:
        for number in range(start, start + count):
            page = StandardPage(title=f"Kind page {number}", slug=f"p{number}")
            publish_child(site_tree["en"], page)

    def queries(url: str) -> int:
        client.get(url)  # warm the per-process locale cache and the fragment caches
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    urls = ["/en/search/?q=kind", "/en/search/?q=kind&page=2", "/it/search/?q=kind"]
    add(0, 10)
    small = {url: queries(url) for url in urls}
    add(10, 40)
    large = {url: queries(url) for url in urls}
    assert small == large
    assert max(large.values()) <= 12, large
