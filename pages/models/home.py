"""The home page (completed by the public-site work: areas, figures, projects, stories)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField

from ..blocks import BODY_BLOCKS
from .base import BasePage


class HomePage(BasePage):
    """The root of each language's tree; there is exactly one per locale."""

    hero_title = RichTextField(
        _("hero title"), features=["italic"], blank=True, help_text=_("The main statement.")
    )
    hero_intro = RichTextField(_("hero introduction"), features=["bold", "italic"], blank=True)
    body = StreamField(BODY_BLOCKS, verbose_name=_("body"), blank=True)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("hero_title"),
        FieldPanel("hero_intro"),
        FieldPanel("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = None

    class Meta:
        verbose_name = _("home page")
