"""The projects listing: editor-chosen featured projects first, then every project, filterable."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from pages.models import BasePage


class ProjectIndexPage(BasePage):
    """Lists the projects below it; the featured ones are chosen and ordered in ``featured``."""

    intro = RichTextField(
        _("introduction"),
        features=["bold", "italic", "link"],
        blank=True,
        help_text=_("Optional. Shown under the page title, above the featured projects."),
    )
    per_page = models.PositiveSmallIntegerField(
        _("projects per page"),
        default=12,
        help_text=_("How many projects each page of the list shows, between 6 and 48."),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        InlinePanel(
            "featured_entries",
            heading=_("Featured projects"),
            label=_("Featured project"),
            help_text=_(
                "Shown first, in this order, here and on the home page. Remove an entry to "
                "unfeature the project."
            ),
        ),
    ]
    settings_panels = [*BasePage.settings_panels, FieldPanel("per_page")]
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["projects.ProjectPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("project index page")

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        super().clean()
        if not 6 <= (self.per_page or 0) <= 48:
            raise ValidationError({"per_page": _("Choose a number between 6 and 48.")})

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from ..queries import project_index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(project_index_context(self, request))
        return context


class FeaturedProject(Orderable):
    """One featured entry. Entries are synchronised to translations and resolved to the project
    in the visitor's language by ``translation_key``; a project chosen twice is shown once."""

    page = ParentalKey(ProjectIndexPage, on_delete=models.CASCADE, related_name="featured_entries")
    project = models.ForeignKey(
        "projects.ProjectPage",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Shown among the featured projects, here and on the home page."),
    )

    panels = ["project"]

    class Meta(Orderable.Meta):
        verbose_name = _("featured project")
        verbose_name_plural = _("featured projects")
