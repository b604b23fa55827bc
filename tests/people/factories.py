"""Builders shared by the people and projects tests (people appear on project pages too)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

import factory
import wagtail_factories
from wagtail.models import Collection, Locale, Page

from pages.models import Area
from people.models import GroupMembership, Person, PersonGroup, TeamPage
from projects.models import ProjectIndexPage, ProjectPage
from tests.conftest import publish_child

AREAS = [("health", "Health", "Salute"), ("education", "Education", "Educazione")]


class ImageFactory(wagtail_factories.ImageFactory):
    collection = factory.LazyFunction(Collection.get_first_root_node)  # type: ignore[assignment]  # any declaration may replace another
    file = factory.django.ImageField(width=64, height=40, color="orange")


def make_areas(locales: dict[str, Locale]) -> dict[str, dict[str, Area]]:
    out: dict[str, dict[str, Area]] = {"en": {}, "it": {}}
    for order, (slug, en, it) in enumerate(AREAS):
        area = Area.objects.create(
            name=en, slug=slug, colour="rose", icon="heart", sort_order=order, locale=locales["en"]
        )
        translated = area.copy_for_translation(locales["it"])
        translated.name = it
        translated.save()
        out["en"][slug] = area
        out["it"][slug] = translated
    return out


def translate_page[P: Page](page: P, locale: Locale, title: str, **values: Any) -> P:
    translated = page.copy_for_translation(locale)
    translated.title = title
    for name, value in values.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    return translated


def make_team(site_tree) -> dict[str, TeamPage]:
    en = publish_child(site_tree["en"], TeamPage(title="Team", slug="team"))
    return {"en": en, "it": translate_page(en, site_tree["it"].locale, "Il team")}


def make_group(locales, slug: str, name: str, name_it: str, order: int) -> dict[str, PersonGroup]:
    en = PersonGroup.objects.create(name=name, slug=slug, sort_order=order, locale=locales["en"])
    it = en.copy_for_translation(locales["it"])
    it.name = name_it
    it.save()
    return {"en": en, "it": it}


def make_person(
    slug: str,
    name: str,
    locale: Locale,
    groups: Sequence[tuple[PersonGroup, int]] = (),
    **values,
) -> Person:
    person = Person.objects.create(slug=slug, display_name=name, locale=locale, **values)
    for group, position in groups:
        GroupMembership.objects.create(person=person, group=group, position=position)
    return person


def translate_person(person: Person, locale: Locale, **values) -> Person:
    """The Italian copy, memberships copied as wagtail-localize does (same group rows)."""
    translated = person.copy_for_translation(locale)
    for name, value in values.items():
        setattr(translated, name, value)
    translated.save()
    if not translated.memberships.exists():
        for membership in person.memberships.all():
            GroupMembership.objects.create(
                person=translated, group=membership.group, position=membership.position
            )
    return translated


def make_project_index(site_tree) -> dict[str, ProjectIndexPage]:
    en = publish_child(site_tree["en"], ProjectIndexPage(title="Projects", slug="projects"))
    return {"en": en, "it": translate_page(en, site_tree["it"].locale, "Progetti")}


def make_project(index: ProjectIndexPage, n: int, *, areas=(), image=None, **values) -> ProjectPage:
    defaults = {
        "title": f"Project {n}",
        "slug": f"project-{n}",
        "summary": f"What project {n} does.",
        "status": "running",
        "country": "IT",
        "start_date": datetime.date(2020 + n % 5, 1, 1),
        "hero_image": image,
        "hero_alt": "A picture" if image else "",
    }
    defaults.update(values)
    project = ProjectPage(**defaults)
    project.areas = list(areas)
    return publish_child(index, project)
