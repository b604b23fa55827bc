"""The network: organisations that joined the movement, and the page that lists them.

A ``Member`` row is created by the public "join the movement" form as a *pending*, non-live
application and submitted to the "Network coordinators approval" workflow; a coordinator approves
it (or requests changes with a comment) from Wagtail's standard moderation screens, and approving
publishes it: only live members are listed and counted. ``status`` is a label kept in step with
that workflow and with ``live`` (see ``Member.save``), so the admin can still filter pending and
rejected applications. Members are not translated (an organisation's name is the same in every
language); kinds, countries and areas are shown in the visitor's language.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PublishingPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin
from wagtail.search import index

from ..fields import library_image
from ..models.base import BasePage
from ..models.tagging import AreaTaggedModelForm
from ..queries import NETWORK_KEY, cached


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


class MemberQuerySet(models.QuerySet["Member"]):
    def approved(self) -> QuerySet[Member]:
        """Members shown on the site: published (approved) ones only."""
        return self.filter(live=True)


class Member(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    index.Indexed,
    ClusterableModel,
):
    """An organisation in the network. Clusterable so its areas are kept in its revisions
    (a plain many-to-many would be lost when a draft is published)."""

    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_("The organisation's name as it appears in the network directory."),
    )
    kind = models.CharField(
        _("kind"),
        max_length=30,
        choices=MemberKind.choices,
        help_text=_("Used by the directory's filter and counted in the network figures."),
    )
    country = CountryField(
        _("country"), help_text=_("Shown on the member's card and used by the country filter.")
    )
    region = models.CharField(
        _("region"),
        max_length=120,
        blank=True,
        help_text=_("Optional. Region or province, shown after the city on the card."),
    )
    city = models.CharField(
        _("city"), max_length=120, blank=True, help_text=_("Optional. Shown on the card.")
    )
    joined = models.DateField(
        _("date joined"),
        default=datetime.date.today,
        help_text=_("When the organisation joined the network."),
    )
    website = models.URLField(
        _("website"),
        blank=True,
        help_text=_("Optional. The card links to it. For example: https://www.example.org"),
    )
    logo = library_image(
        _("logo"),
        _("Optional. Shown small on the member's card in the directory."),
    )
    areas = ParentalManyToManyField(
        "pages.Area",
        verbose_name=_("areas"),
        blank=True,
        related_name="members",
        help_text=_("The areas of kindness the organisation works in; used by the area filter."),
    )
    description = models.TextField(
        _("description"),
        max_length=1000,
        blank=True,
        help_text=_("A few sentences on what the organisation does; shown on its card."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MemberStatus.choices,
        default=MemberStatus.PENDING,
        db_index=True,
        help_text=_(
            "Set by the approval: pending until a coordinator decides, approved once it is "
            "published (then listed and counted on the site), rejected when changes were "
            "requested or it was unpublished."
        ),
    )
    is_example = models.BooleanField(
        _("example"),
        default=False,
        help_text=_("Demonstration content: the site labels it as an example."),
    )
    contact_name = models.CharField(
        _("contact person"),
        max_length=120,
        blank=True,
        help_text=_("Who sent the application. Private: never shown on the site."),
    )
    contact_email = models.EmailField(
        _("contact email"), blank=True, help_text=_("Private: never shown on the site.")
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    submitted_language = models.CharField(
        _("language of the application"),
        max_length=10,
        blank=True,
        help_text=_("The language the applicant used: reply in it."),
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
        MultiFieldPanel(
            [FieldPanel("status", read_only=True), FieldPanel("is_example")],
            heading=_("Publication"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldPanel("contact_email"),
                FieldPanel("submitted_language", read_only=True),
            ],
            heading=_("Contact (private)"),
        ),
        PublishingPanel(),
    ]
    base_form_class = AreaTaggedModelForm
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("city"),
        index.FilterField("status"),
        index.FilterField("kind"),
        index.FilterField("live"),
    ]

    class Meta:
        verbose_name = _("network member")
        verbose_name_plural = _("network members")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["status", "kind"]),
            models.Index(fields=["country"]),
            models.Index(fields=["live", "kind"], name="pages_member_live_kind"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Keep ``status`` and ``live`` in step, whoever saves the row.

        A new row follows its status (a pending application is never live, even though Wagtail's
        ``live`` defaults to true); afterwards Wagtail's publishing decides: published means
        approved, taken off the site after approval means rejected.
        """
        before = self.status
        if self._state.adding:
            self.live = self.live and self.status == MemberStatus.APPROVED
            if not self.live and self.status == MemberStatus.APPROVED:
                self.status = MemberStatus.PENDING
        elif self.live:
            self.status = MemberStatus.APPROVED
        elif self.status == MemberStatus.APPROVED:
            self.status = MemberStatus.REJECTED
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and self.status != before:
            kwargs["update_fields"] = {*update_fields, "status"}
        super().save(*args, **kwargs)

    def mark_review(self, status: str) -> None:
        """Record a review outcome that does not change ``live`` (a request for changes, a new
        submission); saved alone so a draft in progress is not touched."""
        if self.status != status and not self.live:
            self.status = status
            self.save(update_fields=["status"])

    def approve(self, user: AbstractBaseUser | None = None, comment: str = "") -> bool:
        """Approve the application as the workflow would; True when it was not live before.

        The coordinator's step of the workflow is approved when one is waiting (the workflow
        then publishes the member and logs both steps); a member without a workflow in progress
        is published directly. Either way ``publish`` checks the user's right to publish.
        """
        if self.live and not self.has_unpublished_changes:
            return False
        task_state = self.current_workflow_task_state
        if task_state is not None:
            task = task_state.task.specific
            if user is not None and "approve" not in {a[0] for a in task.get_actions(self, user)}:
                raise PermissionDenied(_("Only the approvers of this step may approve it."))
            task_state.specific.approve(user=user, comment=comment)
        else:
            revision = self.get_latest_revision() or self.save_revision(user=user)
            revision.publish(user=user)
        return True

    @property
    def place(self) -> str:
        return ", ".join(part for part in (self.city, self.region, self.country.name) if part)


def _network_summary() -> dict[str, Any]:
    """Figures and the list of countries, from approved members; cached until content changes
    (a member's save bumps the content generation), since the home and network pages show them
    on every view."""

    def load() -> dict[str, Any]:
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

    The request handling lives in ``pages.network.views`` (imported inside the routes, because
    that module builds forms from ``Member`` and would otherwise import this one in a circle).
    """

    intro = RichTextField(
        _("introduction"),
        features=["bold", "italic", "link"],
        blank=True,
        help_text=_("Optional. Shown under the page title, above the list of members."),
    )
    join_heading = models.CharField(
        _("join heading"),
        max_length=120,
        blank=True,
        help_text=_(
            "Optional. The title of the join form and the text of the button leading to it. "
            'Leave empty for "Join the movement".'
        ),
    )
    join_intro = RichTextField(
        _("join introduction"),
        features=["bold", "italic", "link"],
        blank=True,
        help_text=_("Optional. Shown under the title of the join form, above its fields."),
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
        help_text=_(
            "Optional. The join form links to it so applicants can read how we use their data."
        ),
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
        from .views import member_list

        return member_list(self, request)

    @path("join/", name="join")
    def join_route(self, request: HttpRequest) -> HttpResponse:
        from .views import join

        return join(self, request)

    @path("join/thanks/", name="join_thanks")
    def thanks_route(self, request: HttpRequest) -> HttpResponse:
        from .views import join_thanks

        return join_thanks(self, request)
