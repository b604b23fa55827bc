"""Project querysets shared by the listing, the detail page and the template tags.

Every listing goes through ``with_card_data`` so a card never causes a query of its own: the image
and its renditions, and the areas, arrive in a fixed number of queries whatever the number of
projects.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest
from wagtail.images.models import Rendition
from wagtail.models import Locale

from kindness_site.templatetags.seo_tags import json_ld
from pages.locales import active_locale, memoize_on_request
from pages.models import Area

from .filters import ProjectFilterForm
from .models import FeaturedProject, Organisation, ProjectIndexPage, ProjectPage


def with_card_data(queryset: QuerySet[ProjectPage]) -> QuerySet[ProjectPage]:
    return queryset.select_related("hero_image", "locale").prefetch_related(
        Prefetch("hero_image__renditions", queryset=Rendition.objects.all()),
        Prefetch("areas", queryset=Area.objects.only("translation_key", "name", "slug")),
    )


def live_projects(locale: Locale | None) -> QuerySet[ProjectPage]:
    queryset = ProjectPage.objects.live().public()
    if locale is not None:
        queryset = queryset.filter(locale=locale)
    return queryset


def featured_projects(locale: Locale | None, limit: int | None = None) -> list[ProjectPage]:
    """The featured projects, in the editor's order, in ``locale``.

    The entries of the project index page of ``locale`` decide (falling back to any index page
    when that language has none yet); each entry is resolved to the live project in ``locale``
    with the same ``translation_key``, so entries pointing at the English project still work on
    the Italian site, and a project chosen twice is shown once.
    """
    index = ProjectIndexPage.objects.live()
    if locale is not None:
        index = index.filter(locale=locale)
    index_id = index.values_list("pk", flat=True).first()
    if index_id is None:
        return []
    keys = list(
        FeaturedProject.objects.filter(page_id=index_id)
        .order_by("sort_order", "pk")
        .values_list("project__translation_key", flat=True)
    )
    order = {key: position for position, key in reversed(list(enumerate(keys)))}
    if not order:
        return []
    projects = list(with_card_data(live_projects(locale).filter(translation_key__in=list(order))))
    projects.sort(key=lambda project: order[project.translation_key])
    return projects[:limit] if limit else projects


def area_projects(area: Area, locale: Locale | None, limit: int | None = None) -> list[ProjectPage]:
    """Live projects in ``locale`` tagged with ``area`` in any language, newest first."""
    queryset = with_card_data(
        live_projects(locale)
        .filter(areas__translation_key=area.translation_key)
        .distinct()
        .order_by("-start_date", "title")
    )
    return list(queryset[:limit] if limit else queryset)


def localized_area_names(locale: Locale | None) -> dict[Any, Area]:
    """Areas of ``locale`` by ``translation_key``: cards show "Salute" for the English row too."""
    queryset = Area.objects.all() if locale is None else Area.objects.filter(locale=locale)
    return {area.translation_key: area for area in queryset}


def filter_projects(queryset: QuerySet[ProjectPage], data: dict[str, Any]) -> QuerySet[ProjectPage]:
    """Apply the cleaned filters; a year selects projects running at any time in that year."""
    if data.get("area"):
        queryset = queryset.filter(areas__slug=data["area"]).distinct()
    if data.get("status"):
        queryset = queryset.filter(status=data["status"])
    if data.get("country"):
        queryset = queryset.filter(country=data["country"])
    if year := data.get("year"):
        queryset = queryset.filter(start_date__lte=date(year, 12, 31)).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=date(year, 1, 1))
        )
    return queryset


def project_index_context(page: ProjectIndexPage, request: HttpRequest) -> dict[str, Any]:
    locale = page.locale
    all_projects = live_projects(locale).child_of(page)
    areas = list(Area.objects.filter(locale=locale))
    form = ProjectFilterForm(request.GET, areas=areas, projects=all_projects)
    filtered = filter_projects(all_projects, form.filters()).order_by("-start_date", "title")
    paginator = Paginator(with_card_data(filtered), page.per_page or 12)
    page_obj = paginator.get_page(request.GET.get("page"))
    is_filtered = bool(form.active_filters())
    first_page = page_obj.number == 1
    return {
        "filter_form": form,
        "is_filtered": is_filtered,
        "featured": featured_projects(locale) if first_page and not is_filtered else [],
        "projects": page_obj.object_list,
        "page_obj": page_obj,
        "paginator": paginator,
        "area_names": {area.translation_key: area for area in areas},
    }


def project_detail_context(project: ProjectPage, request: HttpRequest) -> dict[str, Any]:
    """People, partners, figures and research with their related rows in a fixed number of
    queries; people, organisations and areas are shown in the page's language (matched by
    ``translation_key``, since child rows are copied, not translated, to the Italian page)."""
    from people.models import Person

    from .jsonld import project_json_ld

    locale_id = project.locale_id
    roles = list(project.project_people.select_related("person"))
    people = _localized(
        Person.objects.filter(live=True)
        .select_related("photo")
        .prefetch_related(Prefetch("photo__renditions", queryset=Rendition.objects.all())),
        roles,
        "person",
        locale_id,
    )
    people_involved = [
        (people[role.person.translation_key], role)
        for role in roles
        if role.person.translation_key in people
    ]
    partners = list(project.project_partners.select_related("organisation"))
    organisations = _localized(
        Organisation.objects.select_related("logo").prefetch_related(
            Prefetch("logo__renditions", queryset=Rendition.objects.all())
        ),
        partners,
        "organisation",
        locale_id,
    )
    partner_rows = [
        (organisations.get(p.organisation.translation_key, p.organisation), p) for p in partners
    ]
    area_names = localized_area_names(project.locale)
    areas = [area_names.get(area.translation_key, area) for area in project.areas.all()]
    data = project_json_ld(
        project,
        request,
        people=[person for person, _role in people_involved],
        organisations=[org for org, _partner in partner_rows],
        areas=areas,
    )
    return {
        "people_involved": people_involved,
        "partners": partner_rows,
        "figures": list(project.impact_figures.select_related("source_reference")),
        "related_research": list(
            project.related_research.all().for_listing().order_by("-issued_year", "title")
        ),
        "areas": areas,
        "project_json_ld": json_ld(data),
    }


def _localized(queryset: QuerySet, rows: Iterable[Any], attr: str, locale_id: int) -> dict:
    """Translations in ``locale_id`` of the objects ``rows`` point at, by ``translation_key``."""
    keys = {getattr(row, attr).translation_key for row in rows}
    if not keys:
        return {}
    return {
        obj.translation_key: obj
        for obj in queryset.filter(translation_key__in=keys, locale_id=locale_id)
    }


def active_featured(request: HttpRequest | None, limit: int | None) -> list[ProjectPage]:
    locale = active_locale()
    projects = memoize_on_request(
        request,
        f"featured_projects:{getattr(locale, 'pk', None)}",
        lambda: featured_projects(locale),
    )
    return projects[:limit] if limit else projects
