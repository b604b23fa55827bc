"""After the people app's demo ran: story authors and area contacts (when it exists)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from wagtail.models import Page

from ..models import SectionPage, StoryPage
from .context import DemoContext
from .data import demo_data

if TYPE_CHECKING:
    from people.models import Person

# area slug -> person slug (people/demo.yaml); only people the movement's text names by role
PEOPLE = demo_data("pages")["people"]
CONTACTS: dict[str, str] = PEOPLE["area_contacts"]
AUTHOR: str = PEOPLE["story_author"]


def _set(ctx: DemoContext, page: Page, field: str, person: Person) -> None:
    page = cast(Page, type(page).objects.get(pk=page.pk))
    if getattr(page, f"{field}_id") == person.pk:
        ctx.counts["unchanged"] += 1
        return
    setattr(page, field, person)
    page.save_revision().publish()
    ctx.counts["updated"] += 1
    translated = page.get_translation_or_none(ctx.it)
    person_it = person.get_translation_or_none(ctx.it) or person
    if translated is not None:
        translated = type(page).objects.get(pk=translated.pk)
        setattr(translated, field, person_it)
        translated.save_revision().publish()


def link_people(ctx: DemoContext) -> None:
    people = ctx.data.get("people") or {}
    if not people:
        return
    for slug, section in (ctx.data.get("sections") or {}).items():
        person = people.get(CONTACTS.get(slug, ""))
        if person is not None and isinstance(section, SectionPage):
            _set(ctx, section, "contact_person", person)
    author = people.get(AUTHOR)
    if author is not None:
        for story in ctx.data.get("stories", []):
            if isinstance(story, StoryPage):
                _set(ctx, story, "author", author)
