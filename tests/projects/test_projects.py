"""Project listing and detail pages: rendering, filters, featuring, budgets, tags, demo."""

from __future__ import annotations

import datetime
import json
import re

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from projects.models import (
    FeaturedProject,
    ImpactFigure,
    Organisation,
    ProjectIndexPage,
    ProjectPage,
    ProjectPartner,
    ProjectPerson,
)
from research.models import Reference, ReferenceCreator
from tests.people.factories import ImageFactory, make_person, make_project, translate_page

pytestmark = pytest.mark.django_db

BUDGET = 12


def _queries(client, url: str) -> int:
    client.get(url)  # warm-up: renditions are generated once, then reused
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


def _titles(html: str) -> list[str]:
    return re.findall(r'class="project-card__title"><a href="[^"]+">([^<]+)</a>', html)


@pytest.fixture
def projects(index, areas):
    made = [
        make_project(
            index["en"],
            1,
            title="School course",
            areas=[areas["en"]["education"]],
            start_date=datetime.date(2023, 12, 19),
            status="running",
        ),
        make_project(
            index["en"],
            2,
            title="Hospital listening",
            areas=[areas["it"]["health"]],
            start_date=datetime.date(2021, 1, 1),
            end_date=datetime.date(2022, 6, 1),
            status="completed",
            country="CH",
        ),
        make_project(
            index["en"],
            3,
            title="Heritage training",
            status="planned",
            country="ES",
            start_date=datetime.date(2025, 3, 1),
        ),
    ]
    return made


@pytest.mark.parametrize("language", ["en", "it"])
def test_listing_and_detail_render_in_both_languages(client, index, projects, language):
    if language == "it":
        translated = [translate_page(p, index["it"].locale, f"IT {p.title}") for p in projects]
        urls = [p.url for p in translated]
    else:
        urls = [p.url for p in projects]
    response = client.get(index[language].url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert len(_titles(html)) == 3
    for url in urls:
        detail = client.get(url)
        assert detail.status_code == 200
        data = [
            json.loads(b)
            for b in re.findall(
                r'<script type="application/ld\+json">(.*?)</script>', detail.content.decode(), re.S
            )
        ]
        assert any(d.get("@type") == "Project" for d in data)


def test_filters_are_get_parameters_and_combine(client, index, projects):
    url = index["en"].url
    assert _titles(client.get(url + "?area=education").content.decode()) == ["School course"]
    assert _titles(client.get(url + "?area=health").content.decode()) == ["Hospital listening"]
    assert _titles(client.get(url + "?status=completed").content.decode()) == ["Hospital listening"]
    assert _titles(client.get(url + "?country=ES").content.decode()) == ["Heritage training"]
    assert _titles(client.get(url + "?year=2022").content.decode()) == ["Hospital listening"]
    assert _titles(client.get(url + "?year=2024&status=running").content.decode()) == [
        "School course"
    ]


@pytest.mark.parametrize(
    "query",
    [
        "?year=abc",
        "?status=zzz",
        "?area=<script>",
        "?country=XX",
        "?page=999",
        "?page=-1",
        "?page=abc",
        "?year=99999999999999999999",
        "?area=health&area=education",
    ],
)
def test_junk_filters_are_reported_and_ignored_never_500(client, index, projects, query):
    response = client.get(index["en"].url + query)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>" not in html.split("<main", 1)[1]
    if query.startswith(("?year=abc", "?status", "?country", "?area=<")):
        assert 'role="alert"' in html
        assert len(_titles(html)) >= 3  # the bad filter was ignored


def test_featured_projects_first_in_editor_order_and_unfeaturing(client, index, projects):
    page = index["en"]
    page.featured_entries = [
        FeaturedProject(project=projects[2], sort_order=0),
        FeaturedProject(project=projects[0], sort_order=1),
    ]
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    featured = html.split('id="featured-heading"')[1].split("</section>")[0]
    assert _titles(featured) == ["Heritage training", "School course"]
    page.featured_entries = [
        FeaturedProject(project=projects[0], sort_order=0),
        FeaturedProject(project=projects[2], sort_order=1),
    ]
    page.save_revision().publish()
    featured = client.get(page.url).content.decode().split('id="featured-heading"')[1]
    assert _titles(featured.split("</section>")[0]) == ["School course", "Heritage training"]
    page.featured_entries = []
    page.save_revision().publish()
    assert 'id="featured-heading"' not in client.get(page.url).content.decode()


def test_featured_entries_resolve_to_the_italian_projects(client, index, projects):
    it_project = translate_page(projects[1], index["it"].locale, "Ascolto in ospedale")
    it_index = index["it"]
    it_index.featured_entries = [FeaturedProject(project=projects[1], sort_order=0)]
    it_index.save_revision().publish()
    featured = client.get(it_index.url).content.decode().split('id="featured-heading"')[1]
    assert _titles(featured.split("</section>")[0]) == ["Ascolto in ospedale"]
    assert it_project.title == "Ascolto in ospedale"


def test_featured_and_area_template_tags(rf, index, projects, areas):
    index["en"].featured_entries = [FeaturedProject(project=projects[1], sort_order=0)]
    index["en"].save_revision().publish()
    request = RequestFactory().get("/en/")
    template = Template(
        "{% load project_tags %}{% featured_projects limit=3 as f %}"
        "{% area_projects area limit=6 as a %}"
        "{% for p in f %}F:{{ p.title }};{% endfor %}{% for p in a %}A:{{ p.title }};{% endfor %}"
        "{% for p in a %}{% include 'projects/includes/project_card.html' with project=p %}"
        "{% endfor %}"
    )
    with translation.override("en"):
        html = template.render(Context({"request": request, "area": areas["it"]["health"]}))
    assert "F:Hospital listening;" in html
    assert "A:Hospital listening;" in html and "A:School course" not in html
    assert ">Health</li>" in html  # the English name, although the project uses the Italian row


def test_project_detail_shows_people_partners_figures_and_research(
    client, index, projects, locales, site_tree
):
    from tests.people.factories import make_team

    make_team(site_tree)
    project = projects[0]
    lead = make_person("lead", "Lead Person", locales["en"], live=True)
    ProjectPerson.objects.create(project=project, person=lead, is_lead=True, role="Designer")
    org = Organisation.objects.create(name="Giunti EDU", locale=locales["en"], url="https://x.org")
    ProjectPartner.objects.create(project=project, organisation=org, role="Publisher")
    ref = Reference.objects.create(title="Kindness counts", container_title="J", issued_year=2012)
    ReferenceCreator.objects.create(reference=ref, family="Layous", given="K.", sort_order=0)
    ImpactFigure.objects.create(project=project, value="25", label="hours", source_reference=ref)
    project = ProjectPage.objects.get(pk=project.pk)  # children created above, not in memory
    project.related_research.add(ref)
    project.save_revision().publish()
    html = client.get(project.url).content.decode()
    for text in (
        "Lead Person",
        "Project lead",
        "Designer",
        "Giunti EDU",
        "(Publisher)",
        "25",
        "hours",
        "Kindness counts",
        'href="/en/team/lead/"',
    ):
        assert text in html, text


def test_end_date_before_start_date_is_rejected(index):
    from django.core.exceptions import ValidationError

    project = make_project(index["en"], 9)
    project.end_date = datetime.date(2000, 1, 1)
    with pytest.raises(ValidationError) as error:
        project.full_clean()
    assert "end_date" in error.value.message_dict


def _add_projects(index, areas, image, start: int, count: int) -> None:
    """Projects with two areas (one row per language) and the same image, so every page of
    results needs renditions; the first three are featured."""
    for n in range(start, start + count):
        project = make_project(
            index["en"], n, areas=[areas["en"]["health"], areas["it"]["education"]], image=image
        )
        if n < 103:
            FeaturedProject.objects.create(page=index["en"], project=project, sort_order=n)


def test_listing_query_budget_is_constant(client, index, areas, django_assert_max_num_queries):
    image = ImageFactory()
    page = ProjectIndexPage.objects.get(pk=index["en"].pk)
    page.per_page = 6
    page.save_revision().publish()
    _add_projects(index, areas, image, 100, 10)
    urls = [page.url, page.url + "?area=health&status=running", page.url + "?page=2"]
    small = {url: _queries(client, url) for url in urls}
    _add_projects(index, areas, image, 200, 40)
    large = {url: _queries(client, url) for url in urls}
    assert small == large
    for url in urls:
        with django_assert_max_num_queries(BUDGET):
            client.get(url)
    html = client.get(page.url).content.decode()
    assert len(_titles(html.split('id="featured-heading"')[1].split("</section>")[0])) == 3


def test_detail_query_count_does_not_grow_with_people_and_partners(
    client, index, projects, locales, django_assert_max_num_queries
):
    project = projects[0]

    def add(start: int, count: int) -> None:
        for n in range(start, start + count):
            person = make_person(
                f"p{n}",
                f"Person {n}",
                locales["en"],
                photo=ImageFactory() if n % 5 == 0 else None,
                photo_alt="x",
            )
            ProjectPerson.objects.create(project=project, person=person, role="Role")
            org = Organisation.objects.create(name=f"Org {n}", locale=locales["en"])
            ProjectPartner.objects.create(project=project, organisation=org)
            ImpactFigure.objects.create(project=project, value=str(n), label="things")

    add(0, 10)
    small = _queries(client, project.url)
    add(10, 40)
    assert _queries(client, project.url) == small
    with django_assert_max_num_queries(BUDGET):
        assert client.get(project.url).status_code == 200


def test_partners_waiting_for_moderation_are_not_shown(client, projects, locales):
    """Only live (approved) organisations appear among a project's partners."""
    project = projects[0]
    live = Organisation.objects.create(name="Approved Partner", locale=locales["en"])
    draft = Organisation.objects.create(name="Draft Partner", locale=locales["en"], live=False)
    for organisation in (live, draft):
        ProjectPartner.objects.create(project=project, organisation=organisation, role="Host")
    project = ProjectPage.objects.get(pk=project.pk)
    project.save_revision().publish()
    html = client.get(project.url).content.decode()
    assert "Approved Partner" in html
    assert "Draft Partner" not in html
