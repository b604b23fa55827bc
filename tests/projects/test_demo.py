"""The demo builders for the team and the projects: complete, truthful, bilingual, idempotent."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

import people.demo
import projects.demo
from pages.demo import DemoContext
from people.models import Person
from projects.models import ProjectIndexPage, ProjectPage

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def demo(settings, tmp_path, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = str(tmp_path)
    settings.PAGE_CACHE_ENABLED = False
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo_content", stdout=io.StringIO())


def test_demo_people_and_projects_are_complete_and_a_second_run_changes_nothing(demo, client):
    en = Person.objects.filter(locale__language_code="en")
    assert en.count() == 8  # founder, co-founder, director, journalist, four committee members
    assert en.filter(slug="economist").count() == 1  # listed twice in the text, entered once
    de_vivo = en.get(slug="immaculata-de-vivo")
    assert sorted(de_vivo.groups.values_list("slug", flat=True)) == [
        "founders",
        "scientific-committee",
    ]
    assert not en.filter(role__icontains="wildlife").exists()
    assert not en.filter(biography__icontains="Cancer Causes").exists()
    assert Person.objects.filter(locale__language_code="it").count() == 8
    assert ProjectPage.objects.filter(locale__language_code="en").count() == 4
    assert ProjectPage.objects.filter(locale__language_code="it").count() == 4
    assert not ProjectPage.objects.filter(summary__contains="2022").exists()

    ctx = DemoContext()
    people.demo.load(ctx)
    assert set(ctx.counts) == {"unchanged"}, ctx.counts
    projects.demo.load(ctx)
    assert set(ctx.counts) == {"unchanged"}, ctx.counts

    for index in ProjectIndexPage.objects.all():
        response = client.get(index.url)
        assert response.status_code == 200
        assert response.content.decode().count('class="project-card"') >= 8  # featured + all
    for url in ["/en/team/", "/it/team/"]:
        html = client.get(url).content.decode()
        assert html.count("immaculata-de-vivo/") == 2  # in two groups
    for person in Person.objects.all():
        assert client.get(f"/{person.locale.language_code}/team/{person.slug}/").status_code == 200
    for project in ProjectPage.objects.all():
        assert client.get(project.url).status_code == 200
