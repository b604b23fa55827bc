"""People of the movement and the groups they belong to.

A person is entered once and joins any number of groups through ``GroupMembership`` rows, each
with its own position, so the co-founder who also sits on the scientific committee is one record
shown in two groups (the movement's text lists one economist twice; the site must not).
"""

from __future__ import annotations

import unicodedata
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PublishingPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from pages.fields import library_image

from ..blocks import AffiliationBlock, LinkKind, ProfileLinkBlock


class PersonGroup(
    TranslatableMixin,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    models.Model,
):
    """A group on the team page (founders, direction, scientific committee, ...), in order.

    Its name and description are public (headings of the team page), so a group goes through
    the same moderation as the people in it: only live groups are listed.
    """

    name = models.CharField(
        _("name"),
        max_length=100,
        help_text=_("The heading of the group on the team page. For example: Founders."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        help_text=_("Used as the anchor of the group on the team page. Same in every language."),
    )
    description = models.TextField(
        _("description"),
        blank=True,
        max_length=500,
        help_text=_("Optional. One or two sentences shown under the group's heading."),
    )
    sort_order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Groups are listed from the lowest number up.")
    )

    panels = ["name", "slug", "description", "sort_order", PublishingPanel()]
    override_translatable_fields = [SynchronizedField("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("team group")
        verbose_name_plural = _("team groups")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_group_slug_per_locale"),
        ]

    def __str__(self) -> str:
        return self.name


def fold(text: str) -> str:
    """Lower case without accents: "De Vivo" == "de vivo", "Lùmera" == "lumera"."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


class Person(
    TranslatableMixin,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    ClusterableModel,
):
    """A member of the team, entered once whatever the number of groups they belong to.

    ``given_name``/``family_name`` are kept apart from the display name so the person can be
    matched with the creators of references in the research library (family name + initial),
    and so people listed by role only ("IKM Director") need no invented name.
    """

    display_name = models.CharField(
        _("display name"),
        max_length=150,
        help_text=_(
            "As shown on the site. For someone known only by role, the role "
            "(for example: IKM Director)."
        ),
    )
    given_name = models.CharField(
        _("given name"),
        max_length=100,
        blank=True,
        help_text=_("Used with the family name to find the person's references. Not shown."),
    )
    family_name = models.CharField(
        _("family name"),
        max_length=100,
        blank=True,
        help_text=_("Used to find the references this person wrote in the research library."),
    )
    honorific = models.CharField(
        _("honorific"), max_length=40, blank=True, help_text=_("For example: Prof. or Dr.")
    )
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        help_text=_("The address of the profile page. Keep it stable: links depend on it."),
    )
    role = models.CharField(
        _("role"),
        max_length=255,
        blank=True,
        help_text=_(
            "Shown under the name on the team page and the profile. For example: "
            "Scientific director."
        ),
    )
    groups = models.ManyToManyField(
        PersonGroup,
        through="GroupMembership",
        related_name="people",
        blank=True,
        verbose_name=_("groups"),
    )
    photo = library_image(
        _("photo"),
        _("Optional. A portrait, shown on the team page and the profile."),
    )
    photo_alt = models.CharField(
        _("photo alternative text"),
        max_length=250,
        blank=True,
        help_text=_("Describe the photo for people who cannot see it."),
    )
    short_bio = models.TextField(
        _("short biography"),
        max_length=400,
        blank=True,
        help_text=_("One or two sentences, shown on the person's card on team and project pages."),
    )
    biography = RichTextField(
        _("biography"),
        features=["bold", "italic", "link", "ul", "ol"],
        blank=True,
        help_text=_("The full text of the profile page."),
    )
    expertise = ParentalManyToManyField(
        "pages.Area",
        verbose_name=_("areas of expertise"),
        blank=True,
        related_name="+",
        help_text=_("Listed on the profile page."),
    )
    affiliations = StreamField(
        [("affiliation", AffiliationBlock())],
        verbose_name=_("affiliations"),
        blank=True,
        help_text=_("Universities or institutions the person works for, shown on the profile."),
    )
    links = StreamField(
        [("link", ProfileLinkBlock())],
        verbose_name=_("links"),
        blank=True,
        help_text=_("Public profiles elsewhere (ORCID, website, ...), listed on the profile."),
    )
    public_email = models.EmailField(
        _("public email"),
        blank=True,
        help_text=_("Only fill this in if the person agreed to publish it."),
    )
    display_order = models.PositiveSmallIntegerField(
        _("display order"),
        default=0,
        help_text=_("Used when two people have the same position in a group."),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("display_name"),
                FieldPanel("honorific"),
                FieldPanel("given_name"),
                FieldPanel("family_name"),
                FieldPanel("slug"),
                FieldPanel("role"),
            ],
            heading=_("Name and role"),
        ),
        InlinePanel("memberships", heading=_("Groups"), label=_("Group")),
        MultiFieldPanel([FieldPanel("photo"), FieldPanel("photo_alt")], heading=_("Photo")),
        FieldPanel("short_bio"),
        FieldPanel("biography"),
        FieldPanel("expertise", widget=forms.CheckboxSelectMultiple),
        FieldPanel("affiliations"),
        FieldPanel("links"),
        FieldPanel("public_email"),
        FieldPanel("display_order"),
        PublishingPanel(),
    ]

    @classmethod
    def search_hits(cls, ids: list[str], request: Any = None) -> dict[str, tuple[str, str]]:
        """``{id: (name, profile URL)}`` for the site search (``pages.search``): profiles live
        on the team page of the person's language."""
        from .team import TeamPage

        people = list(cls.objects.filter(pk__in=ids).only("display_name", "slug", "locale_id"))
        teams = {
            team.locale_id: team
            for team in TeamPage.objects.live()
            .filter(locale_id__in={p.locale_id for p in people})
            .only("url_path", "locale_id")
        }
        return {
            str(p.pk): (p.display_name, teams[p.locale_id].person_url(p))
            for p in people
            if p.locale_id in teams
        }

    search_fields = [
        index.SearchField("display_name", boost=3),
        index.SearchField("family_name", boost=2),
        index.SearchField("role"),
        index.SearchField("short_bio"),
        index.AutocompleteField("display_name"),
        index.FilterField("locale"),
        index.FilterField("live"),
    ]
    override_translatable_fields = [
        SynchronizedField("slug"),
        SynchronizedField("given_name"),
        SynchronizedField("family_name"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["display_order", "family_name", "display_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "locale"], name="unique_person_slug_per_locale"
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def full_name(self) -> str:
        """Display name with the honorific, as printed on the profile heading."""
        return f"{self.honorific} {self.display_name}".strip()

    @property
    def profile_links(self) -> list[tuple[str, str]]:
        """``(label, url)`` pairs; the kind names the link when the editor gave no label."""
        labels = dict(LinkKind.choices)
        return [
            (block.value["label"] or str(labels.get(block.value["kind"], "")), block.value["url"])
            for block in self.links
        ]

    @property
    def has_real_name(self) -> bool:
        """False for people known by role only; they get no "Person" name in JSON-LD search."""
        return bool(self.family_name)

    def clean(self) -> None:
        super().clean()
        if self.photo_id and not self.photo_alt.strip():
            raise ValidationError(
                {"photo_alt": _("Describe the photo for people who cannot see it.")}
            )

    def get_preview_template(self, request: HttpRequest, mode_name: str) -> str:
        return "people/person_detail.html"

    def get_preview_context(self, request: HttpRequest, mode_name: str) -> dict[str, Any]:
        """The profile as it will look on the team page of the person's language."""
        from .team import TeamPage  # same app; team.py imports this module at load time

        context = super().get_preview_context(request, mode_name)
        team = TeamPage.objects.filter(locale_id=self.locale_id).first()
        if team is not None:
            context.update({"page": team, **team.profile_context(request, self)})
        else:
            context["person"] = self
        return context


class GroupMembership(Orderable):
    """Membership of one person in one group, with the person's position inside that group."""

    person = ParentalKey(Person, on_delete=models.CASCADE, related_name="memberships")
    group = models.ForeignKey(
        PersonGroup,
        verbose_name=_("group"),
        on_delete=models.CASCADE,
        related_name="memberships",
        help_text=_("The team page lists the person under this group's heading."),
    )
    position = models.PositiveSmallIntegerField(
        _("position in the group"),
        default=0,
        help_text=_("People are listed in each group from the lowest number up."),
    )

    panels = ["group", "position"]

    class Meta(Orderable.Meta):
        verbose_name = _("group membership")
        verbose_name_plural = _("group memberships")
        constraints = [
            models.UniqueConstraint(fields=["person", "group"], name="unique_person_per_group"),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.group})"
