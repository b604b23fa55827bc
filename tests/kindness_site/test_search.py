"""Site search: per language, paginated, capped, robust against junk."""

import pytest
from django.core.cache import cache
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
        cache.clear()  # ... then measure a search that is not in the results cache
        client.get(url.split("?")[0] + "?q=warm")
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


# --- what the search finds ------------------------------------------------------------------
@pytest.fixture
def library(site_tree, locales):
    """Pages, a story and a reference with the words of the issue's cases."""
    from pages.models import StoryIndexPage, StoryPage
    from research.models import Reference, ReferenceCreator

    hospitals = publish_child(
        site_tree["it"],
        StandardPage(
            title="Gentilezza negli ospedali",
            slug="ospedali",
            locale=locales["it"],
            intro="<p>Persone gentili curano meglio: la gentilezza <b>conta</b>.</p>",
        ),
    )
    wellbeing = publish_child(
        site_tree["en"],
        StandardPage(
            title="Kindness at work",
            slug="work",
            intro="<p>Kindness supports the well-being of hospitals' staff.</p>",
        ),
    )
    index = publish_child(site_tree["en"], StoryIndexPage(title="Stories", slug="stories"))
    story = publish_child(index, StoryPage(title="A kind ward", slug="ward", intro="Kindness"))
    ref = Reference.objects.create(
        title="What is the role of kindness in healthcare?",
        issued_year=2025,
        container_title="BMC Health Services Research",
        doi="10.1186/s12913-025-12328-1",  # where the result links without a library page
    )
    ReferenceCreator.objects.create(reference=ref, family="González-Ortiz", given="L.")
    ref.save()  # indexed with its creators
    return {"hospitals": hospitals, "wellbeing": wellbeing, "story": story, "reference": ref}


def _titles(client, language: str, query: str, **params) -> list[str]:
    response = client.get(f"/{language}/search/", {"q": query, **params})
    assert response.status_code == 200
    return [hit.title for hit in response.context["outcome"].hits]


def test_accents_case_and_hyphens_do_not_matter(client, library):
    """Both engines: González-Ortiz is found as gonzalez or GONZÁLEZ, well-being as wellbeing."""
    title = library["reference"].title
    for query in ("gonzalez", "GONZÁLEZ", "González-Ortiz", "gonzalezortiz"):
        assert title in _titles(client, "en", query), query
    for query in ("wellbeing", "well-being", "WELL-BEING"):
        assert _titles(client, "en", query) == ["Kindness at work"], query


def test_italian_is_stemmed_on_postgresql_only(client, library):
    """PostgreSQL stems Italian (ospedale = ospedali, persona = persone); SQLite has no
    stemming and finds only the form typed, anywhere in a word (the README says so)."""
    stemmed = connection.vendor == "postgresql"
    assert _titles(client, "it", "ospedali") == ["Gentilezza negli ospedali"]
    assert bool(_titles(client, "it", "ospedale")) is stemmed
    assert bool(_titles(client, "it", "persona")) is stemmed  # the page says "Persone"
    assert _titles(client, "it", "gentili") == ["Gentilezza negli ospedali"]
    assert bool(_titles(client, "en", "hospital")) is True  # a substring on SQLite, a stem on PG


def test_each_language_finds_only_its_own_pages(client, library):
    italian = _titles(client, "it", "gentilezza")
    assert "Gentilezza negli ospedali" in italian and "Kindness at work" not in italian
    assert "Gentilezza negli ospedali" not in _titles(client, "en", "gentilezza")
    # References have no language: both libraries find them.
    assert library["reference"].title in _titles(client, "it", "gonzalez")


def test_results_can_be_narrowed_to_one_kind(client, library):
    response = client.get("/en/search/", {"q": "kindness"})
    facets = {key: count for key, _label, count in response.context["outcome"].facets}
    assert facets["pages"] >= 1 and facets["stories"] == 1 and facets["references"] == 1
    assert _titles(client, "en", "kindness", kind="stories") == ["A kind ward"]
    html = client.get("/en/search/", {"q": "kindness", "kind": "stories"}).content.decode()
    assert '<span aria-current="true">Stories (1)</span>' in html
    # An unknown kind is ignored, not an error.
    assert len(_titles(client, "en", "kindness", kind="nonsense")) == sum(facets.values())


def test_matches_are_highlighted_and_everything_else_escaped(client, library, site_tree):
    publish_child(
        site_tree["en"],
        StandardPage(
            title="Markup",
            slug="markup",
            intro="<p>alpha &lt; beta zebra &amp; gamma &gt; delta</p>",
        ),
    )
    html = client.get("/en/search/", {"q": "zebra"}).content.decode()
    snippet = html.split('class="result-list__snippet">', 1)[1].split("</p>", 1)[0]
    assert "<mark>zebra</mark>" in snippet
    assert "&lt; beta" in snippet and "&amp; gamma &gt; delta" in snippet
    assert snippet.count("<") == snippet.count("<mark>") + snippet.count("</mark>")


def test_a_misspelling_gets_a_suggestion(client, library):
    response = client.get("/it/search/", {"q": "gentilezzza"})
    assert response.context["outcome"].total == 0
    assert response.context["outcome"].suggestion == "gentilezza"
    assert 'href="?q=gentilezza"' in response.content.decode()


def test_results_are_cached_until_content_changes(client, library, site_tree):
    url = "/en/search/?q=kindness"
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    assert not [q for q in captured.captured_queries if "indexentry" in q["sql"]]
    publish_child(site_tree["en"], StandardPage(title="Kindness now", slug="now"))
    assert "Kindness now" in _titles(client, "en", "kindness")  # the generation moved on


def test_searches_are_limited_per_client(client, site_tree, settings):
    settings.SEARCH_REQUESTS_PER_MINUTE = 3
    for _ in range(3):
        assert client.get("/en/search/?q=kindness").status_code == 200
    refused = client.get("/en/search/?q=other")
    assert refused.status_code == 429 and int(refused["Retry-After"]) >= 1
    assert client.get("/en/search/?q=kindness", REMOTE_ADDR="192.0.2.9").status_code == 200
    assert client.get("/en/search/").status_code == 200  # the empty form is free
