"""Project querysets shared by the listing, the detail page and the template tags.

Every listing goes through ``with_card_data`` so a card never causes a query of its own: the image
and its renditions, and the areas, arrive in a fixed number of queries whatever the number of
projects.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import (
    CharField,
    Count,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    StringAgg,
    Subquery,
    Value,
    Window,
)
from django.db.models.functions import Cast
from django.http import HttpRequest
from wagtail.query import PageQuerySet

from kindness_site.templatetags.seo_tags import json_ld
from pages.locales import active_locale, memoize_on_request
from pages.models import Area
from pages.queries import (
    area_taxonomy,
    prefetch_renditions,
    prefetch_shaped_renditions,
    public_live,
    tree_cached,
)

from .filters import ProjectFilterForm
from .models import (
    FeaturedProject,
    Organisation,
    ProjectIndexPage,
    ProjectPage,
    ProjectPartner,
    ProjectPerson,
)


def with_card_data(queryset: QuerySet[ProjectPage]) -> QuerySet[ProjectPage]:
    """Cards need the image (joined), its renditions (one prefetch) and the areas' keys (a
    correlated subquery, so no GROUP BY and no prefetch query); names come from ``area_names``."""
    keys = (
        ProjectPage.areas.through.objects.filter(projectpage_id=OuterRef("pk"))
        .values("projectpage_id")
        .annotate(keys=StringAgg(Cast("area__translation_key", CharField()), delimiter=Value(",")))
        .values("keys")
    )
    return queryset.select_related("hero_image").annotate(area_keys=Subquery(keys))


def prefetch_card_images(projects: list[ProjectPage]) -> list[ProjectPage]:
    """At most one query for the renditions of every card image on the page (featured and
    listed): none when they are all in the cache."""
    prefetch_renditions((p.hero_image for p in projects if p.hero_image_id), "landscape")
    return projects


def card_area_keys(project: ProjectPage) -> list[uuid.UUID]:
    """The project's area keys from the ``area_keys`` annotation (SQLite stores UUIDs as hex,
    PostgreSQL with dashes: both parse)."""
    raw = getattr(project, "area_keys", None)
    if raw is None:
        return [area.translation_key for area in project.areas.all()]
    return [uuid.UUID(key) for key in raw.split(",") if key]


def live_projects(locale_id: int | None) -> PageQuerySet:
    queryset = public_live(ProjectPage.objects.all())
    if locale_id is not None:
        queryset = queryset.filter(locale_id=locale_id)
    return queryset


def featured_projects(
    index_id: int | None, locale_id: int | None, limit: int | None = None
) -> list[ProjectPage]:
    """The featured projects of index page ``index_id``, in the editor's order, in one query.

    Each entry is resolved to the live project in ``locale_id`` with the same
    ``translation_key``, so entries that still point at the English project work on the Italian
    site, and a project chosen twice is shown once.
    """
    if index_id is None:
        return []
    position = (
        FeaturedProject.objects.filter(
            page_id=index_id, project__translation_key=OuterRef("translation_key")
        )
        .order_by("sort_order", "pk")
        .values("sort_order")[:1]
    )
    queryset = (
        with_card_data(live_projects(locale_id))
        .annotate(feature_position=Subquery(position))
        .filter(feature_position__isnull=False)
        .order_by("feature_position", "title")
    )
    return list(queryset[:limit] if limit else queryset)


def area_projects(area: Area, locale_id: int | None, limit: int | None = None) -> list[ProjectPage]:
    """Live projects in ``locale_id`` tagged with ``area`` in any language, newest first."""
    tagged = ProjectPage.areas.through.objects.filter(
        projectpage_id=OuterRef("pk"), area__translation_key=area.translation_key
    )
    queryset = with_card_data(live_projects(locale_id).filter(Exists(tagged))).order_by(
        "-start_date", "title"
    )
    return prefetch_card_images(list(queryset[:limit] if limit else queryset))


def localized_area_names(locale_id: int | None) -> dict[Any, Area]:
    """Areas of the locale by ``translation_key``: cards show "Salute" for the English row too.

    Read from the cached area taxonomy, so cards cost no query for their area names."""
    taxonomy = area_taxonomy()
    rows = (
        taxonomy["by_pk"].values()
        if locale_id is None
        else taxonomy["by_locale"].get(locale_id, [])
    )
    return {area.translation_key: area for area in rows}


def filter_projects(queryset: QuerySet[ProjectPage], data: dict[str, Any]) -> QuerySet[ProjectPage]:
    """Apply the cleaned filters; a year selects projects running at any time in that year."""
    if data.get("area"):
        tagged = ProjectPage.areas.through.objects.filter(
            projectpage_id=OuterRef("pk"), area__slug=data["area"]
        )
        queryset = queryset.filter(Exists(tagged))
    if data.get("status"):
        queryset = queryset.filter(status=data["status"])
    if data.get("country"):
        queryset = queryset.filter(country=data["country"])
    if year := data.get("year"):
        queryset = queryset.filter(start_date__lte=date(year, 12, 31)).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=date(year, 1, 1))
        )
    return queryset


def paginate(queryset: QuerySet[Any], per_page: int, number: Any) -> Page[Any]:
    """A page of results and the total in one query (a window count on each row).

    Only an out-of-range page number costs more: the count, then the last page.
    """
    paginator = Paginator(queryset, per_page)
    try:
        number = max(int(number), 1)
    except (TypeError, ValueError):
        number = 1
    offset = (number - 1) * per_page
    rows = list(queryset.annotate(total_count=Window(Count("pk")))[offset : offset + per_page])
    if rows:
        paginator.__dict__["count"] = rows[0].total_count
    elif number > 1:
        return paginator.get_page(paginator.num_pages)
    else:
        paginator.__dict__["count"] = 0
    return Page(rows, number, paginator)


def project_index_context(page: ProjectIndexPage, request: HttpRequest) -> dict[str, Any]:
    locale_id = page.locale_id
    areas = list(Area.objects.filter(locale_id=locale_id))
    area_names = {area.translation_key: area for area in areas}
    memoize_on_request(request, f"area_names:{locale_id}", lambda: area_names)
    form = ProjectFilterForm(request.GET, areas=areas)
    filters = form.filters()
    all_projects = live_projects(locale_id).child_of(page)
    filtered = with_card_data(filter_projects(all_projects, filters)).order_by(
        "-start_date", "title"
    )
    page_obj = paginate(filtered, page.per_page or 12, request.GET.get("page", 1))
    show_featured = page_obj.number == 1 and not filters
    featured = featured_projects(page.pk, locale_id) if show_featured else []
    prefetch_card_images([*featured, *page_obj.object_list])
    return {
        "filter_form": form,
        "is_filtered": bool(filters),
        "featured": featured,
        "projects": page_obj.object_list,
        "page_obj": page_obj,
        "paginator": page_obj.paginator,
    }


def project_detail_context(project: ProjectPage, request: HttpRequest) -> dict[str, Any]:
    """People, partners, figures, research and areas in a fixed number of queries, whatever
    their number. People, organisations and areas are the rows of the page's language matched
    by ``translation_key``, each annotated with its part in this project, so an Italian page
    whose child rows still point at English records shows the Italian ones."""
    from people.models import Person

    from .jsonld import project_json_ld

    locale_id = project.locale_id
    roles = ProjectPerson.objects.filter(
        project_id=project.pk, person__translation_key=OuterRef("translation_key")
    ).order_by("sort_order", "pk")
    people = list(
        Person.objects.filter(locale_id=locale_id, live=True)
        .annotate(
            project_position=Subquery(roles.values("sort_order")[:1]),
            project_role=Subquery(roles.values("role")[:1]),
            project_lead=Subquery(roles.values("is_lead")[:1]),
        )
        .filter(Exists(roles))
        .select_related("photo")
        .order_by("-project_lead", "project_position", "display_name")
    )
    partner_rows = ProjectPartner.objects.filter(
        project_id=project.pk, organisation__translation_key=OuterRef("translation_key")
    ).order_by("sort_order", "pk")
    organisations = list(
        Organisation.objects.live()
        .filter(locale_id=locale_id)
        .annotate(
            project_position=Subquery(partner_rows.values("sort_order")[:1]),
            project_role=Subquery(partner_rows.values("role")[:1]),
        )
        .filter(Exists(partner_rows))
        .select_related("logo")
        .order_by("project_position", "name")
    )
    pictures = [(p.photo, "portrait") for p in people if p.photo_id]
    pictures += [(o.logo, "natural") for o in organisations if o.logo_id]
    if project.hero_image_id:
        pictures.append((project.hero_image, "wide"))
    prefetch_shaped_renditions(pictures)
    area_keys = ProjectPage.areas.through.objects.filter(projectpage_id=project.pk).values(
        "area__translation_key"
    )
    areas = list(Area.objects.filter(locale_id=locale_id, translation_key__in=area_keys))
    data = project_json_ld(
        project, request, people=people, organisations=organisations, areas=areas
    )
    return {
        "people_involved": people,
        "partners": organisations,
        "figures": list(project.impact_figures.select_related("source_reference")),
        "related_research": list(
            project.related_research.prefetch_related("creators").order_by("-issued_year", "title")
        ),
        "areas": areas,
        "project_json_ld": json_ld(data),
    }


def active_featured(request: HttpRequest | None, limit: int | None) -> list[ProjectPage]:
    """Featured projects of the active language's index page (memoised per request)."""
    locale = active_locale()
    locale_id = getattr(locale, "pk", None)

    def find_index() -> int | None:
        return (
            ProjectIndexPage.objects.live()
            .filter(locale_id=locale_id)
            .values_list("pk", flat=True)
            .first()
        )

    def load() -> list[ProjectPage]:
        index_id = tree_cached(request, f"project_index:{locale_id}", find_index)
        return prefetch_card_images(featured_projects(index_id, locale_id))

    projects = memoize_on_request(request, f"featured_projects:{locale_id}", load)
    return projects[:limit] if limit else projects
