"""The library listing: facets with counts, search, sort, pagination, junk input, query budget."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(reference_factory, areas):
    trust = reference_factory(
        title="The neuroscience of trust",
        issued_year=2017,
        csl_type="article-magazine",
        evidence_type="essay",
        authors=[("Zak", "Paul J.")],
    )
    trust.areas.add(areas["education"])
    trust.save()
    kids = reference_factory(
        title="Kindness counts in classrooms",
        issued_year=2012,
        authors=[("Layous", "Kristin"), ("Lyubomirsky", "Sonja")],
    )
    kids.areas.add(areas["education"], areas["health"])
    kids.save()
    meta = reference_factory(
        title="Happy to help",
        issued_year=2018,
        evidence_type="meta-analysis",
        authors=[("Curry", "Oliver")],
    )
    meta.areas.add(areas["health"])
    meta.save()
    return {"trust": trust, "kids": kids, "meta": meta}


def titles(response) -> list[str]:
    return re.findall(
        r'class="reference-card__title"><a href="[^"]+">([^<]+)</a>', response.content.decode()
    )


def test_lists_newest_first_with_counts(client, library, catalogue):
    response = client.get(library["en"].url)
    assert response.status_code == 200
    assert titles(response) == [
        "Happy to help",
        "The neuroscience of trust",
        "Kindness counts in classrooms",
    ]
    html = response.content.decode()
    assert "3 references" in html
    assert re.search(r'value="health"[^>]*> Health <span class="facet__count">\(2\)', html)
    assert re.search(
        r'value="meta-analysis"[^>]*> Meta-analysis <span class="facet__count">'
        r"\(1\)",
        html,
    )
    assert '<option value="Lyubomirsky">Lyubomirsky (1)</option>' in html


def test_filters_combine_and_facets_count_the_other_filters(client, library, catalogue):
    response = client.get(library["en"].url, {"area": "health", "evidence": "rct"})
    assert titles(response) == ["Kindness counts in classrooms"]
    html = response.content.decode()
    # the area facet is counted without the area filter: education has 1 RCT
    assert re.search(r'value="education"[^>]*> Education <span class="facet__count">\(1\)', html)
    assert titles(client.get(library["en"].url, {"year_from": 2013, "year_to": 2017})) == [
        "The neuroscience of trust"
    ]
    assert titles(client.get(library["en"].url, {"author": "zak"})) == ["The neuroscience of trust"]
    assert titles(client.get(library["en"].url, {"type": "article-magazine"})) == [
        "The neuroscience of trust"
    ]


def test_italian_area_names_filter_the_same_references(client, library, catalogue):
    response = client.get(library["it"].url, {"area": "health"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Salute" in html and 'lang="it"' in html
    assert set(titles(response)) == {"Kindness counts in classrooms", "Happy to help"}


def test_search_and_sort(client, library, catalogue):
    assert titles(client.get(library["en"].url, {"q": "trust"})) == ["The neuroscience of trust"]
    assert titles(client.get(library["en"].url, {"sort": "title"})) == [
        "Happy to help",
        "Kindness counts in classrooms",
        "The neuroscience of trust",
    ]
    assert titles(client.get(library["en"].url, {"sort": "author"})) == [
        "Happy to help",
        "Kindness counts in classrooms",
        "The neuroscience of trust",
    ]
    assert titles(client.get(library["en"].url, {"sort": "oldest"}))[0] == (
        "Kindness counts in classrooms"
    )


@pytest.mark.parametrize(
    "query",
    [
        "?year_from=abc&year_to=-1",
        "?page=999",
        "?page=-3&sort=nonsense",
        "?area=atlantis&type=novel&evidence=%00",
        "?q=%22unbalanced&q=AND%20OR%20*",
        "?q=" + "x" * 500,
        "?author=%3Cscript%3E",
        "?year_from=2020&year_to=2000",
    ],
)
def test_junk_query_strings_never_fail(client, library, catalogue, query):
    response = client.get(library["en"].url + query)
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main", 1)[1]


def test_swapped_years_are_forgiven(client, library, catalogue):
    response = client.get(library["en"].url, {"year_from": 2018, "year_to": 2012})
    assert len(titles(response)) == 3


def test_pagination_keeps_filters(client, library, reference_factory, areas):
    page = library["en"]
    page.per_page = 5
    page.save_revision().publish()
    for _ in range(7):
        reference_factory()
    first = client.get(page.url, {"type": "article-journal"})
    html = first.content.decode()
    assert len(titles(first)) == 5
    assert "type=article-journal&amp;page=2" in html
    assert len(titles(client.get(page.url, {"type": "article-journal", "page": 2}))) == 2


def _library_queries(client, url: str) -> int:
    client.get(url)  # warm the per-process and fragment caches (locales, styles, menus)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_query_budget_does_not_grow(client, library, reference_factory, areas):
    """At most 12 queries, the same with 10 or 50 references: routing, the facets (areas; type
    and evidence with the result count; authors), the page of references and their creators."""

    def add(count: int) -> None:
        for i in range(count):
            ref = reference_factory()
            ref.areas.add(areas["health" if i % 2 else "education"])
            ref.save()

    urls = [
        library["en"].url + "?area=health&q=kindness&sort=title",
        library["en"].url + "?type=article-journal&evidence=rct&sort=author&page=2",
        library["it"].url,
    ]
    add(10)
    small = {url: _library_queries(client, url) for url in urls}
    add(40)
    large = {url: _library_queries(client, url) for url in urls}
    assert small == large
    assert max(large.values()) <= 12, large
