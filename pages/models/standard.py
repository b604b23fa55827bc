"""General content pages: about, manifesto, biology of kindness, privacy policy, and so on."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from ..blocks import BODY_BLOCKS
from .base import BasePage


class StandardPage(BasePage):
    intro = RichTextField(
        _("introduction"),
        features=["bold", "italic", "link"],
        blank=True,
        help_text=_("A short opening paragraph shown under the page title."),
    )
    body = StreamField(
        BODY_BLOCKS,
        verbose_name=_("body"),
        blank=True,
        help_text=_(
            "The main text of the page, built from blocks: paragraphs, images, quotes and more."
        ),
    )

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("standard page")
