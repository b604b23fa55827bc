"""Menus as translatable snippets: the main navigation, the footer columns and the legal links.

Items live in a StreamField so wagtail-localize translates their labels and the page chooser can
point at any page; templates resolve each page to the visitor's locale.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import DraftStateMixin, RevisionMixin, TranslatableMixin


class PageLinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(
        label=_("Page"), help_text=_("The page the link opens, in any language.")
    )
    label = blocks.CharBlock(
        label=_("Label"),
        max_length=60,
        required=False,
        help_text=_("Leave empty to use the page's title."),
    )

    class Meta:
        icon = "doc-empty"
        label = _("Page link")
        description = _("A link to a page of this site, in the visitor's language.")
        preview_value = {"label": "About us"}
        preview_template = "blocks/previews/link.html"


class ExternalLinkBlock(blocks.StructBlock):
    url = blocks.URLBlock(
        label=_("Address"),
        help_text=_("The full address of another site, starting with https://."),
    )
    label = blocks.CharBlock(
        label=_("Label"), max_length=60, help_text=_("The text of the link in the menu.")
    )

    class Meta:
        icon = "link"
        label = _("External link")
        description = _("A link to another website.")
        preview_value = {"url": "https://example.org/", "label": "Our partners"}
        preview_template = "blocks/previews/link.html"


class MenuLocation(models.TextChoices):
    MAIN = "main", _("Main navigation")
    FOOTER = "footer", _("Footer")
    LEGAL = "legal", _("Legal links")


class Menu(TranslatableMixin, DraftStateMixin, RevisionMixin, models.Model):
    """One menu per location and language."""

    location = models.CharField(
        _("location"),
        max_length=20,
        choices=MenuLocation.choices,
        help_text=_("Where the menu appears; each place has one menu per language."),
    )
    title = models.CharField(
        _("title"), max_length=80, blank=True, help_text=_("Shown above footer menus.")
    )
    items = StreamField(
        [("page", PageLinkBlock()), ("url", ExternalLinkBlock())],
        verbose_name=_("items"),
        blank=True,
        help_text=_("The links of the menu, in the order shown; drag to reorder them."),
    )

    panels = [FieldPanel("location"), FieldPanel("title"), FieldPanel("items")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("menu")
        verbose_name_plural = _("menus")
        constraints = [
            models.UniqueConstraint(fields=["location", "locale"], name="unique_menu_per_locale"),
        ]

    def __str__(self) -> str:
        return f"{self.get_location_display()} ({self.locale})"
