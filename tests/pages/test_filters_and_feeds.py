"""Directory and story filters (shareable GET URLs, junk never a 500) and the story feeds."""

import pytest

pytestmark = pytest.mark.django_db

JUNK = [
    "?kind=spaceship",
    "?country=ZZ&kind=",
    "?area=%00%ff",
    "?page=abc",
    "?page=-1",
    "?page=99999",
    "?area[]=health",
    "?kind=school&kind=company",
    "?" + "x" * 3000,
    "?country=" + "%E2%80%AE" * 50,
]


@pytest.fixture
def directory(tree, areas, make_member):
    make_member(
        1,
        name="Comune di Gentilezza",
        kind="public_administration",
        country="IT",
        areas=[areas["en"]["health"]],
    )
    make_member(
        2, name="Kind Company", kind="company", country="FR", areas=[areas["it"]["economy"]]
    )
    make_member(3, name="Hidden Pending", kind="school", country="ES", status="pending")
    return tree["en"]["network"]


def test_filters_by_kind_country_and_area(client, directory):
    url = directory.url
    html = client.get(url + "?kind=company").content.decode()
    assert "Kind Company" in html and "Comune di Gentilezza" not in html
    html = client.get(url + "?country=IT").content.decode()
    assert "Comune di Gentilezza" in html and "Kind Company" not in html
    # Tagged with the Italian "economy" row, found through the English filter value.
    html = client.get(url + "?area=economy").content.decode()
    assert "Kind Company" in html and "Comune di Gentilezza" not in html
    assert "Hidden Pending" not in client.get(url).content.decode()


def test_country_choices_only_list_countries_with_members(client, directory):
    html = client.get(directory.url).content.decode()
    assert '<option value="IT"' in html
    assert '<option value="ES"' not in html  # only a pending member there


@pytest.mark.parametrize("query", JUNK)
def test_junk_query_strings_never_fail(client, directory, tree, query):
    for page in (directory, tree["en"]["stories"], tree["it"]["network"]):
        response = client.get(page.url + query)
        assert response.status_code == 200, (page.url, query)


def test_unknown_filter_is_reported(client, directory):
    html = client.get(directory.url + "?kind=spaceship").content.decode()
    assert "Some filters were not recognised and were ignored." in html


def test_story_filter_by_area_and_unknown_area(client, tree, areas, make_story):
    index = tree["en"]["stories"]
    make_story(index, 1, areas=[areas["en"]["health"]])
    make_story(index, 2, areas=[areas["en"]["culture"]])
    html = client.get(index.url + "?area=culture").content.decode()
    assert "Story 2" in html and "Story 1" not in html
    html = client.get(index.url + "?area=nope").content.decode()
    assert "Story 1" in html and "That area does not exist" in html


def test_story_pagination_keeps_filter(client, tree, areas, make_story):
    index = tree["en"]["stories"]
    for n in range(12):
        make_story(index, n, areas=[areas["en"]["health"]])
    html = client.get(index.url + "?area=health").content.decode()
    assert "area=health&amp;page=2" in html


@pytest.mark.parametrize(("route", "marker"), [("rss", "<rss"), ("atom", "<feed")])
@pytest.mark.parametrize("language", ["en", "it"])
def test_feeds_per_language(client, tree, make_story, route, marker, language):
    from wagtail.models import Locale

    story = make_story(tree["en"]["stories"], 1)
    if language == "it":
        translated = story.copy_for_translation(Locale.objects.get(language_code="it"))
        translated.title = "Storia 1"
        translated.save_revision().publish()
    response = client.get(tree[language]["stories"].url + f"feed/{route}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert marker in body
    assert ("Storia 1" if language == "it" else "Story 1") in body
    if route == "rss":
        assert f"<language>{language}</language>" in body
    else:
        assert f'xml:lang="{language}"' in body
