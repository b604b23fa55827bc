"""The research library page: the whole bibliography, filterable, with a sub-page per reference.

One routable page per language holds every reference (references are language-neutral), so a
reference's address is ``<library>/<slug>/`` in each language and never changes when the record
is edited. The listing, detail and export logic lives in ``research.views`` so the model stays a
thin routing layer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField

from pages.models import BasePage

if TYPE_CHECKING:  # at run time sitemap_subpages imports it where it is used
    from kindness_site.sitemap import SitemapEntry


class ResearchIndexPage(RoutablePageMixin, BasePage):
    intro = RichTextField(
        _("introduction"),
        features=["bold", "italic", "link"],
        blank=True,
        help_text=_("A short paragraph shown above the search box and the list of references."),
    )
    per_page = models.PositiveSmallIntegerField(
        _("references per page"),
        default=20,
        help_text=_("How many references each page of the list shows: between 5 and 100."),
    )

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("per_page")]
    parent_page_types = ["pages.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("research library")

    @path("")
    def library(self, request: HttpRequest) -> HttpResponse:
        from ..views import library_view

        return library_view(self, request)

    @path("export/")
    def export_library(self, request: HttpRequest) -> HttpResponse:
        from ..views import library_view

        return library_view(self, request, export=True)

    @path("<slug:slug>/")
    def reference(self, request: HttpRequest, slug: str) -> HttpResponse:
        from ..views import reference_view

        return reference_view(self, request, slug)

    @path("<slug:slug>/export/")
    def export_reference(self, request: HttpRequest, slug: str) -> HttpResponse:
        from ..views import reference_view

        return reference_view(self, request, slug, export=True)

    def sitemap_subpages(self) -> list[SitemapEntry]:
        """Each reference's page in this language (the sitemap lists them all)."""
        from kindness_site.sitemap import subpage_entry

        from .reference import Reference

        return [
            subpage_entry(self, self.reverse_subpage("reference", args=[slug]), updated, slug)
            for slug, updated in Reference.objects.order_by("slug").values_list(
                "slug", "updated_at"
            )
        ]

    def reference_url(self, slug: str) -> str:
        return self.url + self.reverse_subpage("reference", args=[slug])
