"""Links to people's profiles for any template (story bylines, section contacts, project pages).

{% load people_tags %}
{% localized_person page.contact_person as person %}
{% include "people/includes/person_card.html" with person=person %}
"""

from __future__ import annotations

from django import template

from pages.locales import active_locale, memoize_on_request

from ..models import Person, TeamPage

register = template.Library()


def _team_page(request) -> TeamPage | None:
    locale = active_locale()

    def load() -> TeamPage | None:
        pages = TeamPage.objects.live().public()
        if locale is not None:
            pages = pages.filter(locale=locale)
        return pages.only("url_path", "locale_id").first()

    # The key uses the locale's pk, as TeamPage.remember_for_request does.
    return memoize_on_request(request, f"team_page:{getattr(locale, 'pk', None)}", load)


@register.simple_tag(takes_context=True)
def team_page(context) -> TeamPage | None:
    """The live team page of the active language (one query per request)."""
    return _team_page(context.get("request"))


@register.simple_tag(takes_context=True)
def person_url(context, person: Person | None) -> str:
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
