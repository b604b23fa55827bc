"""Links to people's profiles for any template (story bylines, section contacts, project pages).

{% load people_tags %}
{% credited_person page "section_contacts" as person %}
{% include "people/includes/person_card.html" with person=person %}
"""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.http import HttpRequest
from django.template.context import Context
from wagtail.models import Page

from pages.locales import active_locale
from pages.queries import tree_cached

from ..models import Person, TeamPage

register = template.Library()


def _team_page(request: HttpRequest | None) -> TeamPage | None:
    locale = active_locale()

    def load() -> TeamPage | None:
        pages = TeamPage.objects.live().public()
        if locale is not None:
            pages = pages.filter(locale=locale)
        return pages.only("url_path", "locale_id").first()

    # The key uses the locale's pk, as TeamPage.remember_for_request does; the page is shared
    # between requests until the tree (or a view restriction) changes.
    return tree_cached(request, f"team_page:{getattr(locale, 'pk', None)}", load)


@register.simple_tag(takes_context=True)
def team_page(context: Context) -> TeamPage | None:
    """The live team page of the active language (one query per request)."""
    return _team_page(context.get("request"))


@register.simple_tag(takes_context=True)
def person_url(context: Context, person: Person | None) -> str:
    """The profile URL of ``person`` on the active language's team page, or "" if none."""
    if person is None or not person.slug:
        return ""
    page = _team_page(context.get("request"))
    return page.person_url(person) if page is not None else ""


@register.simple_tag
def localized_person(person: Person | None) -> Person | None:
    """``person`` in the active language when a live translation exists (one query)."""
    if person is None:
        return None
    locale = active_locale()
    if locale is None or person.locale_id == locale.pk:
        return person
    translation = person.get_translation_or_none(locale)
    return translation if translation is not None and translation.live else person


@register.simple_tag(takes_context=True)
def credited_person(context: Context, page: Page, relation: str) -> Person | None:
    """The first person ``page`` credits through ``relation`` (``"section_contacts"``,
    ``"story_authors"``), in the active language when a live translation exists, with the photo,
    in one query.

    ``{% credited_person page "section_contacts" as person %}``. A preview shows the rows being
    edited, which the database does not have yet.
    """
    request = context.get("request")
    if getattr(request, "is_preview", False):
        ids: Any = [row.person_id for row in getattr(page, relation).all()][:1]
        if not ids:
            return None
    else:
        credits: Any = page._meta.get_field(relation).related_model  # a PersonCredit subclass
        ids = credits.objects.filter(page_id=page.pk).values("person_id")[:1]
    credited = Q(pk__in=ids)
    locale = active_locale()
    rows = Person.objects.filter(credited)
    if locale is not None:
        same_person = Person.objects.filter(credited).values("translation_key")
        rows = Person.objects.filter(
            credited | Q(translation_key__in=same_person, locale=locale, live=True)
        )
    found = list(
        rows.annotate(credited=ExpressionWrapper(credited, BooleanField())).select_related("photo")
    )
    original = next((person for person in found if person.credited), None)
    if original is None or locale is None or original.locale_id == locale.pk:
        return original
    return next((person for person in found if not person.credited), original)
