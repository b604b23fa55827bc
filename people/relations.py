"""What a person is linked to elsewhere: the stories they wrote, their projects, their references.

Nothing here is typed twice. Stories point at their author (``pages.StoryPage.author``), projects
list the people involved (``projects.ProjectPerson``), and references are matched through their
creators (see ``people.matching``). Models are looked up through the app registry so the profile
keeps working while an app is absent or not migrated yet; matching on ``translation_key`` finds the
Italian story whose author is still the English record.

A profile must stay within the site's query budget, so stories and projects come from one query on
``Page`` (annotated with what each row is), with page privacy checked inside that same query.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from wagtail.models import Page, PageViewRestriction

from .matching import matching_references

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


def exclude_restricted[QS: models.QuerySet[Any]](queryset: QS) -> QS:
    """Pages without a view restriction on themselves or an ancestor, checked inside the same
    query (``PageQuerySet.public()`` costs a query of its own every time)."""
    restricted = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return queryset.exclude(Exists(restricted))


def public_pages() -> models.QuerySet[Page]:
    return exclude_restricted(Page.objects.live())


def related_pages(person: Person) -> tuple[list[Page], list[Page]]:
    """``(stories, projects)`` in the person's language, from one query.

    Projects carry ``person_leads``; the ones the person leads come first.
    """
    key = person.translation_key
    story = _model("pages", "StoryPage")
    project_person = _model("projects", "ProjectPerson")
    annotations: dict[str, Any] = {}
    if story is not None and _has_field(story, "author"):
        annotations["is_story"] = Exists(
            story._default_manager.filter(pk=OuterRef("pk"), author__translation_key=key)
        )
    if project_person is not None:
        involved = project_person._default_manager.filter(
            project_id=OuterRef("pk"), person__translation_key=key
        )
        annotations["is_project"] = Exists(involved)
        annotations["person_leads"] = Exists(involved.filter(is_lead=True))
    if not annotations:
        return [], []
    condition = Q()
    for name in ("is_story", "is_project"):
        if name in annotations:
            condition |= Q(**{name: True})
    rows = list(
        public_pages()
        .filter(locale_id=person.locale_id)
        .annotate(**annotations)
        .filter(condition)
        .only("title", "url_path", "first_published_at", "locale_id", "depth", "path")
        .order_by("-first_published_at")[:100]
    )
    stories = [row for row in rows if getattr(row, "is_story", False)]
    projects = [row for row in rows if getattr(row, "is_project", False)]
    projects.sort(key=lambda row: not row.person_leads)
    return stories, projects


def person_context(person: Person) -> dict[str, Any]:
    stories, projects = related_pages(person)
    return {
        "stories": stories,
        "projects": projects,
        "references": matching_references(person.given_name, person.family_name),
    }
