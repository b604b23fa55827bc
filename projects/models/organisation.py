"""Partner organisations: entered once, reused by every project they take part in.

An organisation's name, logo and description are shown on project pages, so it is moderated like
a page: editors submit it, moderators approve and publish it, and public queries list live
organisations only (``Organisation.objects.live()``).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import PublishingPanel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.search import index

from pages.fields import library_image


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def live(self) -> "OrganisationQuerySet":
        """Published organisations: the only ones a visitor may see."""
        return self.filter(live=True)


class Organisation(
    TranslatableMixin,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    index.Indexed,
    models.Model,
):
    """A partner (school, hospital, company, geopark, ...). The description is translated; the
    name is translatable too because some institutions have an official name per language.

    Wagtail's mixins bring their own generic relations to revisions and workflow states (they
    delete them with the organisation); queries go through ``revisions`` and
    ``workflow_states``, the mixins' properties.
    """

    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_(
            "The organisation's official name, shown in the partners of its projects. "
            "Translate it only if the organisation has an official name in that language."
        ),
    )
    description = models.TextField(
        _("description"),
        max_length=500,
        blank=True,
        help_text=_("Optional. One or two sentences on who they are, shown with the partner."),
    )
    logo = library_image(
        _("logo"),
        _("Optional. Shown small beside the name on project pages."),
    )
    url = models.URLField(
        _("website"),
        blank=True,
        help_text=_(
            "Optional. The partner's name links to it. For example: https://www.example.org"
        ),
    )

    objects = OrganisationQuerySet.as_manager()

    # PublishingPanel: the go-live and expiry dates of scheduled publishing.
    panels = ["name", "description", "logo", "url", PublishingPanel()]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale"),
        index.FilterField("live"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
