"""Project listings for other apps' templates (home page, area pages).

``pages`` never imports ``projects``; its templates load these tags instead:

    {% load project_tags %}
    {% featured_projects limit=3 as projects %}
    {% area_projects page.area limit=6 as projects %}
    {% for project in projects %}{% include "projects/includes/project_card.html" %}{% endfor %}
"""

from __future__ import annotations

from django import template
from django.template.context import Context

from pages.locales import active_locale, memoize_on_request
from pages.models import Area

from ..models import ProjectPage
from ..queries import active_featured, card_area_keys, localized_area_names
from ..queries import area_projects as _area_projects

register = template.Library()


@register.simple_tag(takes_context=True)
def featured_projects(context: Context, limit: int | None = 3) -> list[ProjectPage]:
    """The editor's featured projects in the active language, in their order."""
    return active_featured(context.get("request"), limit)


@register.simple_tag(takes_context=True)
def area_projects(context: Context, area: Area | None, limit: int | None = 6) -> list[ProjectPage]:
    """Live projects in the active language tagged with ``area`` (matched on translation_key)."""
    if area is None:
        return []
    return _area_projects(area, getattr(active_locale(), "pk", None), limit)


@register.simple_tag(takes_context=True)
def localized_areas(context: Context, project: ProjectPage) -> list[Area]:
    """``project``'s areas named in the active language (one query per request in total)."""
    locale_id = getattr(active_locale(), "pk", None)
    names = memoize_on_request(
        context.get("request"), f"area_names:{locale_id}", lambda: localized_area_names(locale_id)
    )
    return [names[key] for key in card_area_keys(project) if key in names]
