"""What a person is linked to elsewhere: the stories they wrote, their projects, their references.

Nothing here is typed twice. Stories point at their author (``pages.StoryPage.author``), projects
list the people involved (``projects.ProjectPerson``), and references are matched through their
creators (family name + first initial, case- and accent-insensitive). Models are looked up through
the app registry so the team pages keep working while an app is absent or not migrated yet;
matching on ``translation_key`` finds the Italian story whose author is still the English record.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models

if TYPE_CHECKING:
    from .models import Person


def _model(app_label: str, name: str) -> type[models.Model] | None:
    try:
        return apps.get_model(app_label, name)
    except LookupError:
        return None


def _has_field(model: type[models.Model], name: str) -> bool:
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def stories_by(person: Person, limit: int = 12) -> list[Any]:
    """Live stories in the person's language whose author is this person (any translation)."""
    story = _model("pages", "StoryPage")
    if story is None or not _has_field(story, "author"):
        return []
    return list(
        story.objects.live()
        .public()
        .filter(locale_id=person.locale_id, author__translation_key=person.translation_key)
        .order_by("-first_published_at")[:limit]
    )


def projects_of(person: Person) -> list[Any]:
    """Live projects in the person's language that involve this person, leaders first."""
    project = _model("projects", "ProjectPage")
    if project is None:
        return []
    projects = (
        project.objects.live()
        .public()
        .filter(
            locale_id=person.locale_id,
            project_people__person__translation_key=person.translation_key,
        )
        .annotate(person_leads=models.Max("project_people__is_lead"))
        .order_by("-person_leads", "-start_date", "title")
        .select_related("hero_image")
        .distinct()
    )
    return list(projects)


def references_by(person: Person, limit: int = 50) -> list[Any]:
    """References in the research library with this person among their creators.

    A creator matches when the family names are equal once case and accents are folded and, if
    both sides have a given name, the initials agree ("De Vivo, I." matches Immaculata De Vivo).
    Folding happens in Python on the candidate rows that share the family name's first letters,
    because SQLite and PostgreSQL disagree on accent-insensitive comparison.
    """
    from .matching import matching_references

    if not person.family_name:
        return []
    return matching_references(person.given_name, person.family_name, limit=limit)


def person_context(person: Person) -> dict[str, Any]:
    projects = projects_of(person)
    return {
        "stories": stories_by(person),
        "projects": projects,
        "led_projects": [p for p in projects if getattr(p, "person_leads", False)],
        "references": references_by(person),
    }
