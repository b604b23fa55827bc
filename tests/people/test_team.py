"""The team page and the profiles: rendering, groups, relations, JSON-LD, query budgets."""

from __future__ import annotations

import json
import re

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from people.matching import names_match
from people.models import Person, StoryAuthor
from projects.models import ProjectPerson
from research.models import Reference, ReferenceCreator

from .factories import (
    ImageFactory,
    make_person,
    make_project,
    make_project_index,
    translate_person,
)

BASE_URL = django_settings.BASE_URL

pytestmark = pytest.mark.django_db

BUDGET = 12


@pytest.fixture
def founder(locales, groups):
    en = make_person(
        "immaculata-de-vivo",
        "Immaculata De Vivo",
        locales["en"],
        groups=[(groups["founders"]["en"], 20), (groups["committee"]["en"], 10)],
        given_name="Immaculata",
        family_name="De Vivo",
        honorific="Prof.",
        role="Co-founder",
        short_bio="Researcher in molecular epidemiology.",
        biography="<p>Professor of Epidemiology.</p>",
        links=[
            {
                "type": "link",
                "value": {"kind": "orcid", "url": "https://orcid.org/0000", "label": ""},
            }
        ],
        affiliations=[
            {
                "type": "affiliation",
                "value": {"organisation": "Harvard Medical School", "unit": "", "url": ""},
            }
        ],
    )
    it = translate_person(en, locales["it"], role="Cofondatrice", short_bio="Ricercatrice.")
    return {"en": en, "it": it}


def json_ld_blocks(html: str) -> list[dict]:
    return [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


@pytest.mark.parametrize("language", ["en", "it"])
def test_team_page_lists_groups_in_order_with_people(client, team, founder, groups, language):
    response = client.get(team[language].url)
    assert response.status_code == 200
    html = response.content.decode()
    founders = "Founders" if language == "en" else "Fondatori"
    committee = "Scientific committee" if language == "en" else "Comitato scientifico"
    assert html.index(f">{founders}</h2>") < html.index(f">{committee}</h2>")
    assert f'href="/{language}/team/immaculata-de-vivo/"' in html


def test_person_in_two_groups_is_listed_in_both_without_a_second_record(
    client, team, founder, groups
):
    assert Person.objects.filter(slug="immaculata-de-vivo", locale__language_code="en").count() == 1
    html = client.get(team["en"].url).content.decode()
    founders = html.split('id="founders"')[1].split("</section>")[0]
    committee = html.split('id="scientific-committee"')[1].split("</section>")[0]
    assert "Immaculata De Vivo" in founders
    assert "Immaculata De Vivo" in committee


def test_people_are_ordered_by_position_within_each_group(client, team, groups, locales):
    group = groups["founders"]["en"]
    make_person("second", "Second Person", locales["en"], groups=[(group, 20)])
    make_person("first", "First Person", locales["en"], groups=[(group, 10)])
    html = client.get(team["en"].url).content.decode()
    assert html.index("First Person") < html.index("Second Person")


def test_drafts_and_other_languages_stay_off_the_team_page(client, team, groups, locales):
    make_person(
        "draft", "Draft Person", locales["en"], groups=[(groups["founders"]["en"], 1)], live=False
    )
    make_person("italian", "Solo Italiano", locales["it"], groups=[(groups["founders"]["it"], 1)])
    html = client.get(team["en"].url).content.decode()
    assert "Draft Person" not in html
    assert "Solo Italiano" not in html
    assert client.get(team["en"].url + "draft/").status_code == 404


def test_italian_profile_is_listed_under_the_italian_group_even_if_membership_points_to_english(
    client, team, groups, locales
):
    """Memberships are synchronised, not translated: they may still point at the English group."""
    make_person("mixed", "Persona", locales["it"], groups=[(groups["committee"]["en"], 1)])
    html = client.get(team["it"].url).content.decode()
    committee = html.split('id="scientific-committee"')[1].split("</section>")[0]
    assert "Persona" in committee


@pytest.mark.parametrize("language", ["en", "it"])
def test_profile_renders_biography_links_and_person_json_ld(client, team, founder, language):
    response = client.get(f"/{language}/team/immaculata-de-vivo/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1" in html and "Immaculata De Vivo</h1>" in html
    assert ">ORCID</a>" in html
    assert "Harvard Medical School" in html
    person = next(d for d in json_ld_blocks(html) if d.get("@type") == "Person")
    assert person["familyName"] == "De Vivo"
    assert person["url"].endswith(f"/{language}/team/immaculata-de-vivo/")
    assert person["sameAs"] == ["https://orcid.org/0000"]
    assert person["affiliation"][0]["name"] == "Harvard Medical School"
    assert f'<link rel="canonical" href="{BASE_URL}/{language}/team/immaculata-de-vivo/">' in html


def test_unknown_profile_is_404(client, team):
    assert client.get("/en/team/nobody/").status_code == 404
    assert client.get("/en/team/Not A Slug/").status_code == 404


def test_role_only_person_has_no_invented_name_in_json_ld(client, team, groups, locales):
    make_person("journalist", "Journalist", locales["en"], groups=[(groups["founders"]["en"], 1)])
    html = client.get("/en/team/journalist/").content.decode()
    person = next(d for d in json_ld_blocks(html) if d.get("@type") == "Person")
    assert person["name"] == "Journalist"
    assert "familyName" not in person and "givenName" not in person


def make_reference(title: str, authors: list[tuple[str, str]], year: int = 2020) -> Reference:
    ref = Reference.objects.create(
        title=title, csl_type="article-journal", container_title="J", issued_year=year
    )
    for i, (family, given) in enumerate(authors):
        ReferenceCreator.objects.create(reference=ref, family=family, given=given, sort_order=i)
    return ref


def test_profile_lists_references_matched_through_their_creators(client, team, founder):
    make_reference("Telomeres and kindness", [("de vivo", "I."), ("Lumera", "D.")], 2024)
    make_reference("Accents do not matter", [("Dè Vivó", "Immaculata")], 2021)
    make_reference("Another De Vivo", [("De Vivo", "Francesca")])
    make_reference("Someone else", [("Vivo", "I.")])
    for language in ("en", "it"):
        html = client.get(f"/{language}/team/immaculata-de-vivo/").content.decode()
        assert "Telomeres and kindness" in html
        assert "Accents do not matter" in html
        assert "Another De Vivo" not in html
        assert "Someone else" not in html
        assert html.index("Telomeres and kindness") < html.index("Accents do not matter")


def test_name_matching_rules():
    assert names_match("Immaculata", "De Vivo", "I.", "de vivo")
    assert names_match("Daniel", "Lumera", "", "Lùmera")
    assert not names_match("Immaculata", "De Vivo", "Francesca", "De Vivo")
    assert not names_match("", "", "", "")


def test_profile_lists_projects_led_first(client, team, founder, site_tree):
    index = make_project_index(site_tree)
    led = make_project(index["en"], 1, title="Led project")
    joined = make_project(index["en"], 2, title="Joined project")
    ProjectPerson.objects.create(project=led, person=founder["en"], is_lead=True, role="Lead")
    ProjectPerson.objects.create(project=joined, person=founder["en"], role="Adviser")
    html = client.get("/en/team/immaculata-de-vivo/").content.decode()
    assert "Led project" in html and "Joined project" in html
    assert html.count("leads this project") == 1
    assert html.index("Led project") < html.index("Joined project")


def test_profile_lists_stories_when_stories_have_authors(client, team, founder, site_tree):
    from pages.models import StoryIndexPage, StoryPage
    from tests.conftest import publish_child

    stories = publish_child(site_tree["en"], StoryIndexPage(title="Stories", slug="stories"))
    publish_child(
        stories,
        StoryPage(  # type: ignore[misc]  # modelcluster children, set through the constructor
            title="A kind story",
            slug="a-kind-story",
            story_authors=[StoryAuthor(person=founder["en"])],
            intro="x",
        ),
    )
    html = client.get("/en/team/immaculata-de-vivo/").content.decode()
    assert "A kind story" in html


def _queries(client, url: str) -> int:
    client.get(url)  # warm-up: renditions are generated once, then reused
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


def _add_people(locales, groups, start: int, count: int) -> None:
    for n in range(start, start + count):
        photo = ImageFactory() if n % 5 == 0 else None
        make_person(
            f"person-{n}",
            f"Person {n}",
            locales["en"],
            groups=[(groups["founders"]["en"], n), (groups["committee"]["en"], n)],
            photo=photo,
            photo_alt="Portrait" if photo else "",
            family_name=f"Family{n}",
        )


def _add_work(founder, index, stories, start: int, count: int) -> None:
    """References, projects and stories by the founder (each part of the profile grows)."""
    from pages.models import StoryPage
    from tests.conftest import publish_child

    for n in range(start, start + count):
        make_reference(f"Reference {n}", [("De Vivo", "I."), (f"Other{n}", "A.")])
        project = make_project(index, n, title=f"Project {n}")
        ProjectPerson.objects.create(project=project, person=founder, is_lead=n % 2 == 0)
        author = [StoryAuthor(person=founder)]
        story = StoryPage(  # type: ignore[misc]  # modelcluster children, set through the constructor
            title=f"Story {n}", slug=f"story-{n}", story_authors=author, intro="x"
        )
        publish_child(stories, story)


def test_team_and_profile_query_budgets_do_not_grow_with_people(
    client, team, founder, groups, locales, areas, site_tree, django_assert_max_num_queries
):
    from pages.models import StoryIndexPage
    from tests.conftest import publish_child

    founder["en"].expertise = [areas["en"]["health"], areas["it"]["education"]]
    founder["en"].save()
    index = make_project_index(site_tree)["en"]
    stories = publish_child(site_tree["en"], StoryIndexPage(title="Stories", slug="stories"))
    _add_people(locales, groups, 0, 10)
    _add_work(founder["en"], index, stories, 0, 3)
    urls = [team["en"].url, team["it"].url, "/en/team/immaculata-de-vivo/", "/en/team/person-5/"]
    small = {url: _queries(client, url) for url in urls}
    _add_people(locales, groups, 10, 40)
    _add_work(founder["en"], index, stories, 3, 7)
    large = {url: _queries(client, url) for url in urls}
    assert small == large
    for url in urls:
        with django_assert_max_num_queries(BUDGET):
            client.get(url)
    html = client.get("/en/team/immaculata-de-vivo/").content.decode()
    assert "Reference 9" in html and "Project 9" in html and "Story 9" in html
    assert "Health" in html and "Education" in html


def test_expertise_is_shown_in_the_page_language(client, team, founder, areas):
    founder["it"].expertise = [areas["en"]["health"]]
    founder["it"].save()
    html = client.get("/it/team/immaculata-de-vivo/").content.decode()
    assert "Salute" in html


def test_a_group_waiting_for_moderation_stays_off_the_team_page(client, team, groups, founder):
    """A new group is a draft until a moderator approves it: neither its heading nor its
    people are listed under it."""
    draft = groups["committee"]["en"]
    draft.live = False
    draft.save()
    make_person("member", "Committee Member", draft.locale, groups=[(draft, 1)], live=True)
    html = client.get(team["en"].url).content.decode()
    assert "Scientific committee" not in html
    assert "Committee Member" not in html
    assert founder["en"].display_name in html
