"""The network: organisations that joined the movement, and the page that lists them.

A ``Member`` row is created by the public "join the movement" form as a *pending* application;
staff approve it in the admin and only then is it listed and counted. Members are not translated
(an organisation's name is the same in every language); kinds, countries and areas are shown in
the visitor's language.
"""

from __future__ import annotations

import datetime

from django import forms
from django.db import models
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.search import index

from ..queries import NETWORK_KEY, cached
from .base import BasePage
from .tagging import AreaTaggedModelForm


class MemberKind(models.TextChoices):
    PUBLIC_ADMINISTRATION = "public_administration", _("Public administration")
    SCHOOL = "school", _("School")
    COMPANY = "company", _("Company")
    HEALTH = "health", _("Hospital or health system")
    ASSOCIATION = "association", _("Association")
    OTHER = "other", _("Other")


class MemberStatus(models.TextChoices):
    PENDING = "pending", _("Pending approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class MemberQuerySet(models.QuerySet):
    def approved(self) -> QuerySet[Member]:
        return self.filter(status=MemberStatus.APPROVED)


class Member(index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=MemberKind.choices)
    country = CountryField(_("country"))
    region = models.CharField(_("region"), max_length=120, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    joined = models.DateField(_("date joined"), default=datetime.date.today)
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    areas = models.ManyToManyField(
        "pages.Area", verbose_name=_("areas"), blank=True, related_name="members"
    )
    description = models.TextField(_("description"), max_length=1000, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MemberStatus.choices,
        default=MemberStatus.PENDING,
        db_index=True,
        help_text=_("Only approved members are listed and counted on the site."),
    )
    is_example = models.BooleanField(
        _("example"),
        default=False,
        help_text=_("Demonstration content: the site labels it as an example."),
    )
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_email = models.EmailField(
        _("contact email"), blank=True, help_text=_("Private: never shown on the site.")
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    submitted_language = models.CharField(
        _("language of the application"), max_length=10, blank=True
    )

    objects = MemberQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("kind"), FieldPanel("description")],
            heading=_("Organisation"),
        ),
        MultiFieldPanel(
            [FieldPanel("country"), FieldPanel("region"), FieldPanel("city")],
            heading=_("Place"),
        ),
        FieldPanel("areas", widget=forms.CheckboxSelectMultiple),
        FieldPanel("website"),
        FieldPanel("logo"),
        FieldPanel("joined"),
        MultiFieldPanel([FieldPanel("status"), FieldPanel("is_example")], heading=_("Publication")),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldPanel("contact_email"),
                FieldPanel("submitted_language", read_only=True),
            ],
            heading=_("Contact (private)"),
        ),
    ]
    base_form_class = AreaTaggedModelForm
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("city"),
        index.FilterField("status"),
        index.FilterField("kind"),
    ]

    class Meta:
        verbose_name = _("network member")
        verbose_name_plural = _("network members")
        ordering = ["name"]
        indexes = [models.Index(fields=["status", "kind"]), models.Index(fields=["country"])]

    def __str__(self) -> str:
        return self.name

    @property
    def place(self) -> str:
        return ", ".join(part for part in (self.city, self.region, self.country.name) if part)


def _network_summary() -> dict:
    """Figures and the list of countries, from approved members; cached until a member
    changes (see ``pages.signals``), since the home and network pages show them on every view."""

    def load() -> dict:
        approved = Member.objects.approved()
        figures = approved.aggregate(
            members=Count("pk"),
            public_administrations=Count("pk", filter=Q(kind=MemberKind.PUBLIC_ADMINISTRATION)),
            countries=Count("country", distinct=True),
        )
        countries = sorted(set(approved.order_by().values_list("country", flat=True)))
        return {"figures": figures, "countries": countries}

    return cached(NETWORK_KEY, load)


def network_figures() -> dict[str, int]:
    """Members, public administrations and countries, counted from approved members."""
    return _network_summary()["figures"]


def member_countries() -> list[str]:
    """Country codes of approved members (the choices of the directory's country filter)."""
    return _network_summary()["countries"]


class NetworkPage(RoutablePageMixin, BasePage):
    """Lists approved members with filters and counts; its ``join/`` route takes applications.

    The request handling lives in ``pages.network_views`` (imported inside the routes, because
    that module builds forms from ``Member`` and would otherwise import this one in a circle).
    """

    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)
    join_heading = models.CharField(_("join heading"), max_length=120, blank=True)
    join_intro = RichTextField(
        _("join introduction"), features=["bold", "italic", "link"], blank=True
    )
    join_thanks = RichTextField(
        _("thank-you message"),
        features=["bold", "italic", "link"],
        blank=True,
        help_text=_("Shown after an application is sent."),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy policy page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("join_heading"),
                FieldPanel("join_intro"),
                FieldPanel("join_thanks"),
                FieldPanel("privacy_page"),
            ],
            heading=_("Join form"),
        ),
    ]
    max_count_per_parent = 1
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("network page")

    @path("")
    def index_route(self, request: HttpRequest) -> HttpResponse:
        from ..network_views import member_list

        return member_list(self, request)

    @path("join/", name="join")
    def join_route(self, request: HttpRequest) -> HttpResponse:
        from ..network_views import join

        return join(self, request)

    @path("join/thanks/", name="join_thanks")
    def thanks_route(self, request: HttpRequest) -> HttpResponse:
        from ..network_views import join_thanks

        return join_thanks(self, request)
