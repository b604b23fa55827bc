"""The team page: groups in order with their people, and one sub-page per person.

People are snippets, not pages, so one editor-owned page serves every profile through a routable
sub-URL (``/team/<slug>/``); the slug is synchronised across languages, so a profile's address
only differs by its language prefix.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.db.models import OuterRef, Prefetch, QuerySet, StringAgg, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.images.models import Rendition

from kindness_site.templatetags.seo_tags import json_ld
from pages.locales import memoize_on_request
from pages.models import Area, BasePage
from pages.public_urls import absolute

from ..jsonld import person_json_ld
from ..relations import person_context
from .person import GroupMembership, Person, PersonGroup

if TYPE_CHECKING:  # at run time sitemap_subpages imports it where it is used
    from kindness_site.sitemap import SitemapEntry


@dataclass
class GroupListing:
    """One group on the team page with its people in order."""

    group: PersonGroup
    people: list[Person] = field(default_factory=list)


class TeamPage(RoutablePageMixin, BasePage):
    """Lists the groups in order; ``/<slug>/`` below it shows one person's profile."""

    intro = RichTextField(
        _("introduction"),
        features=["bold", "italic", "link"],
        blank=True,
        help_text=_("Optional. Shown under the page title, above the groups of people."),
    )

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    parent_page_types = ["pages.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("team page")

    # --- listing ---------------------------------------------------------------------------
    def group_listings(self) -> list[GroupListing]:
        """The live groups of this page's language with their live people, in three queries.

        Memberships are matched on the group's ``translation_key`` so an Italian profile whose
        membership still points at the English group (memberships are synchronised, not
        translated) is listed under the Italian group.
        """
        groups = list(PersonGroup.objects.filter(locale_id=self.locale_id, live=True))
        by_key = {group.translation_key: GroupListing(group) for group in groups}
        memberships = (
            GroupMembership.objects.filter(
                person__locale_id=self.locale_id,
                person__live=True,
                group__translation_key__in=list(by_key),
            )
            .select_related("group", "person", "person__photo")
            .prefetch_related(
                Prefetch("person__photo__renditions", queryset=Rendition.objects.all())
            )
            .order_by(
                "position", "person__display_order", "person__family_name", "person__display_name"
            )
        )
        for membership in memberships:
            by_key[membership.group.translation_key].people.append(membership.person)
        return [listing for listing in by_key.values() if listing.people]

    def remember_for_request(self, request: HttpRequest) -> None:
        """Person cards ask ``people_tags`` for the team page; on this page, it is this one."""
        memoize_on_request(request, f"team_page:{self.locale_id}", lambda: self)

    @path("")
    def index(self, request: HttpRequest) -> HttpResponse:
        self.remember_for_request(request)
        return self.render(request, context_overrides={"groups": self.group_listings()})

    # --- profiles --------------------------------------------------------------------------
    def person_url(self, person: Person) -> str:
        return self.url + self.reverse_subpage("person", kwargs={"slug": person.slug})

    def sitemap_subpages(self) -> list[SitemapEntry]:
        """Each live profile of this page's language (the sitemap lists them all)."""
        from kindness_site.sitemap import subpage_entry

        people = Person.objects.filter(locale_id=self.locale_id, live=True).order_by("slug")
        return [
            subpage_entry(
                self,
                self.reverse_subpage("person", kwargs={"slug": slug}),
                published,
                translation_key,
            )
            for slug, published, translation_key in people.values_list(
                "slug", "last_published_at", "translation_key"
            )
        ]

    def profile_context(self, request: HttpRequest, person: Person) -> dict[str, Any]:
        """Everything the profile template shows; shared by the route and the snippet preview."""
        url = absolute(self.person_url(person))
        expertise = getattr(person, "expertise_names", None)
        if expertise is None:  # preview of an unsaved or unannotated person
            expertise = "\x1f".join(area.name for area in person.expertise.all())
        names = [name for name in (expertise or "").split("\x1f") if name]
        return {
            "person": person,
            "expertise": names,
            "canonical_url": url,
            "person_json_ld": json_ld(person_json_ld(person, request, url, names)),
            **person_context(person),
        }

    def profile_queryset(self) -> QuerySet[Person]:
        """Live people of this page's language, each with the names of their areas of expertise
        in this language, aggregated in the same query (the profile has a query budget)."""
        localized = Area.objects.filter(
            locale_id=self.locale_id, translation_key=OuterRef("expertise__translation_key")
        ).values("name")[:1]
        return (
            Person.objects.filter(locale_id=self.locale_id, live=True)
            .select_related("photo")
            .prefetch_related(Prefetch("photo__renditions", queryset=Rendition.objects.all()))
            .annotate(
                expertise_names=StringAgg(
                    Coalesce(Subquery(localized), "expertise__name"),
                    delimiter=Value("\x1f"),
                    order_by=(
                        "expertise__sort_order"
                        if connection.features.supports_aggregate_order_by_clause
                        else None
                    ),
                )
            )
        )

    @path("<slug:slug>/", name="person")
    def person(self, request: HttpRequest, slug: str) -> HttpResponse:
        person = get_object_or_404(self.profile_queryset(), slug=slug)
        self.remember_for_request(request)
        return self.render(
            request,
            template="people/person_detail.html",
            context_overrides=self.profile_context(request, person),
        )
