"""What every public page shares: a social image, an SEO-friendly title, and listing defaults."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class BasePage(Page):
    """Abstract base for the site's pages.

    ``social_image`` feeds Open Graph; ``search_description`` (from Wagtail) feeds the meta
    description. Feature apps subclass this too, so SEO behaves the same on every page type.
    """

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("social image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown when the page is shared on social media (1200 by 630 pixels is best)."),
    )

    promote_panels = [*Page.promote_panels, FieldPanel("social_image")]

    class Meta:
        abstract = True

    def get_meta_description(self) -> str:
        return self.search_description or ""

    def get_social_image(self):
        return self.social_image
