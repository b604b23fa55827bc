"""What a person is linked to elsewhere: the stories they wrote, their projects, their references.

Nothing here is typed twice. Stories are credited to their author (``people.StoryAuthor``),
projects list the people involved (``projects.ProjectPerson``), and references are matched
through their creators (see ``people.matching``). Matching on ``translation_key`` finds the
Italian story whose author is still the English record.

A profile must stay within the site's query budget, so stories and projects come from one query on
``Page`` (annotated with what each row is), with page privacy checked inside that same query
(``pages.queries.public_live``, the one view-restriction helper).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db.models import Exists, OuterRef, Q
from wagtail.models import Page

from pages.queries import public_live

from .matching import matching_references
from .models.credits import StoryAuthor

if TYPE_CHECKING:
    from .models import Person


def related_pages(person: Person) -> tuple[list[Page], list[Page]]:
    """``(stories, projects)`` in the person's language, from one query.

    Projects carry ``person_leads``; the ones the person leads come first.
    """
    key = person.translation_key
    # projects builds on people, so its model is looked up by name rather than imported.
    involved = apps.get_model("projects", "ProjectPerson").objects.filter(
        project_id=OuterRef("pk"), person__translation_key=key
    )
    wrote = StoryAuthor.objects.filter(page_id=OuterRef("pk"), person__translation_key=key)
    rows = list(
        public_live(Page.objects.filter(locale_id=person.locale_id))
        .annotate(
            is_story=Exists(wrote),
            is_project=Exists(involved),
            person_leads=Exists(involved.filter(is_lead=True)),
        )
        .filter(Q(is_story=True) | Q(is_project=True))
        .only("title", "url_path", "first_published_at", "locale_id", "depth", "path")
        .order_by("-first_published_at")[:100]
    )
    stories = [row for row in rows if row.is_story]
    projects = [row for row in rows if row.is_project]
    projects.sort(key=lambda row: not row.person_leads)
    return stories, projects


def person_context(person: Person) -> dict[str, Any]:
    stories, projects = related_pages(person)
    return {
        "stories": stories,
        "projects": projects,
        "references": matching_references(person.given_name, person.family_name),
    }
