"""StreamField blocks of a person's profile: their affiliations and their public profiles elsewhere.

One module per block family (DESIGN.md, conventions): the model in ``people/models/person.py``
uses them, templates are under ``templates/blocks/previews/``.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class LinkKind(models.TextChoices):
    WEBSITE = "website", _("Website")
    ORCID = "orcid", "ORCID"
    LINKEDIN = "linkedin", "LinkedIn"
    SCHOLAR = "scholar", "Google Scholar"
    RESEARCHGATE = "researchgate", "ResearchGate"
    INSTAGRAM = "instagram", "Instagram"
    OTHER = "other", _("Other")


class ProfileLinkBlock(blocks.StructBlock):
    """A public profile; the kind gives the visible label so links never read "click here"."""

    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=LinkKind.choices,
        default="website",
        help_text=_("The kind of profile; its name is the text of the link if you give no label."),
    )
    url = blocks.URLBlock(
        label=_("Address"),
        help_text=_("The full address of the profile, starting with https://."),
    )
    label = blocks.CharBlock(
        label=_("Label"),
        max_length=80,
        required=False,
        help_text=_("Leave empty to use the kind (for example: ORCID)."),
    )

    class Meta:
        icon = "link"
        label = _("Link")
        description = _("A public profile of the person on another site, listed on the profile.")
        preview_value = {
            "kind": LinkKind.ORCID,
            "url": "https://orcid.org/0000-0002-1825-0097",
            "label": "ORCID",
        }
        preview_template = "blocks/previews/profile_link.html"


class AffiliationBlock(blocks.StructBlock):
    """An institution the person works for; also published as schema.org ``affiliation``."""

    organisation = blocks.CharBlock(
        label=_("Organisation"),
        max_length=200,
        help_text=_("The university or institution, listed on the profile page."),
    )
    unit = blocks.CharBlock(
        label=_("Department or role"),
        max_length=200,
        required=False,
        help_text=_("For example: Department of Epidemiology."),
    )
    url = blocks.URLBlock(
        label=_("Website"),
        required=False,
        help_text=_("Optional. The institution's name links to it."),
    )

    class Meta:
        icon = "group"
        label = _("Affiliation")
        description = _("A university or institution the person works for.")
        preview_value = {
            "organisation": "University of Padua",
            "unit": "Department of General Psychology",
            "url": "https://www.unipd.it/",
        }
        preview_template = "blocks/previews/affiliation.html"
