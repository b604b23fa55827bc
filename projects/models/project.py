"""A project of the movement: where and when it happens, who takes part, what it achieved."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index

from pages.blocks import BODY_BLOCKS, ImageBlock
from pages.fields import library_image
from pages.models import BasePage

from ..countries import COUNTRIES


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")


class ProjectPage(BasePage):
    """One project. Areas are matched on ``translation_key`` by listings, so an Italian project
    tagged with the English area row still appears on the Italian area page."""

    summary = models.TextField(
        _("summary"), max_length=400, help_text=_("One or two sentences shown on cards.")
    )
    hero_image = library_image(
        _("main image"),
        _("Optional. The large picture under the project's heading, also used on its card."),
    )
    hero_alt = models.CharField(
        _("main image alternative text"),
        max_length=250,
        blank=True,
        help_text=_("Describe the image for people who cannot see it."),
    )
    body = StreamField(
        BODY_BLOCKS,
        verbose_name=_("body"),
        blank=True,
        help_text=_("The main text of the project page, under the main image."),
    )
    areas = ParentalManyToManyField(
        "pages.Area",
        verbose_name=_("areas"),
        blank=True,
        related_name="projects",
        help_text=_(
            "The areas of kindness the project works in: shown on its page and card, used by the "
            "area filter and the area pages."
        ),
    )
    country = models.CharField(
        _("country"),
        max_length=2,
        choices=COUNTRIES,
        blank=True,
        help_text=_("Optional. Shown in the project's place and used by the country filter."),
    )
    region = models.CharField(
        _("region"),
        max_length=100,
        blank=True,
        help_text=_(
            "Optional. Region or province, shown in the project's place before the country."
        ),
    )
    city = models.CharField(
        _("city"),
        max_length=100,
        blank=True,
        help_text=_("Optional. Shown in the project's place, on its page and card."),
    )
    site_name = models.CharField(
        _("site"),
        max_length=200,
        blank=True,
        help_text=_("A named place, such as a UNESCO heritage site or a hospital."),
    )
    start_date = models.DateField(
        _("start date"),
        null=True,
        blank=True,
        help_text=_(
            "Optional. Shown with the project; the list puts the newest first and the year "
            "filter uses it."
        ),
    )
    end_date = models.DateField(
        _("end date"),
        null=True,
        blank=True,
        help_text=_("Optional. Leave empty while the project has no planned end."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ProjectStatus.choices,
        default=ProjectStatus.RUNNING,
        help_text=_("Shown on the project's page and card, and used by the status filter."),
    )
    gallery = StreamField(
        [("image", ImageBlock())],
        verbose_name=_("gallery"),
        blank=True,
        help_text=_("Optional. Pictures shown at the bottom of the project page."),
    )
    related_research = ParentalManyToManyField(
        "research.Reference",
        verbose_name=_("related research"),
        blank=True,
        related_name="projects",
        help_text=_("Studies in the research library that this project builds on or produced."),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("hero_image"), FieldPanel("hero_alt")], heading=_("Image")),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldPanel("areas"),
            ],
            heading=_("Status, dates and areas"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("country"), FieldPanel("region")]),
                FieldRowPanel([FieldPanel("city"), FieldPanel("site_name")]),
            ],
            heading=_("Place"),
        ),
        InlinePanel("project_people", heading=_("People involved"), label=_("Person")),
        InlinePanel("project_partners", heading=_("Partners"), label=_("Partner")),
        InlinePanel("impact_figures", heading=_("Impact figures"), label=_("Figure")),
        FieldPanel("related_research"),
        FieldPanel("gallery"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("site_name"),
        index.SearchField("city"),
        index.FilterField("status"),
        index.FilterField("country"),
    ]
    parent_page_types = ["projects.ProjectIndexPage"]
    meta_description_sources = ("summary",)
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date cannot be before the start date.")
        if self.hero_image_id and not self.hero_alt.strip():
            errors["hero_alt"] = _("Describe the image for people who cannot see it.")
        if errors:
            raise ValidationError(errors)

    @property
    def place(self) -> str:
        """ "Orígens Geopark, Tremp, Catalonia, Spain": the parts that are filled in."""
        parts = [self.site_name, self.city, self.region, self.get_country_display()]
        return ", ".join(str(p) for p in parts if p)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from ..queries import project_detail_context

        context = super().get_context(request, *args, **kwargs)
        context.update(project_detail_context(self, request))
        return context


class ProjectPerson(TranslatableMixin, Orderable):
    """A person's part in a project; ``is_lead`` marks the people who lead it.

    Child rows are translatable (not just copied) so the role is translated with the page.
    """

    project = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="project_people")
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="project_roles",
        help_text=_(
            "Someone from the team, shown with their card in the project's People section."
        ),
    )
    role = models.CharField(
        _("role in the project"),
        max_length=150,
        blank=True,
        help_text=_("Optional. Shown under the person's card. For example: coordinator."),
    )
    is_lead = models.BooleanField(
        _("leads the project"),
        default=False,
        help_text=_(
            "Tick if the person leads the project: the project page and the profile say so."
        ),
    )

    panels = ["person", "role", "is_lead"]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]
        verbose_name = _("person involved")
        verbose_name_plural = _("people involved")


class ProjectPartner(TranslatableMixin, Orderable):
    """A partner organisation's part in a project (translatable, like ``ProjectPerson``)."""

    project = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="project_partners")
    organisation = models.ForeignKey(
        "projects.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="project_partners",
        help_text=_("Shown in the project's Partners section with its logo and description."),
    )
    role = models.CharField(
        _("role"), max_length=150, blank=True, help_text=_("For example: host, funder.")
    )

    panels = ["organisation", "role"]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")


class ImpactFigure(TranslatableMixin, Orderable):
    """A measured result ("120 staff trained"). A figure without a source is still allowed, but
    the source note is shown next to it so readers can judge it."""

    project = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="impact_figures")
    value = models.CharField(_("value"), max_length=40, help_text=_("For example: 120 or +12%."))
    label = models.CharField(
        _("label"),
        max_length=150,
        help_text=_("What the number counts, shown under it. For example: staff trained."),
    )
    source_reference = models.ForeignKey(
        "research.Reference",
        verbose_name=_("source in the research library"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional. The study the figure comes from; the figure links to it."),
    )
    source_note = models.CharField(
        _("source"),
        max_length=250,
        blank=True,
        help_text=_("Where the figure comes from, if it is not a reference in the library."),
    )

    panels = ["value", "label", "source_reference", "source_note"]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]
        verbose_name = _("impact figure")
        verbose_name_plural = _("impact figures")
