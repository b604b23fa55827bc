"""Listing blocks: cards that point at other pages of the site."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class CardGridBlock(blocks.StructBlock):
    """A grid of cards, one per chosen page, showing its title and search description."""

    heading = blocks.CharBlock(
        label=_("Heading"),
        max_length=120,
        required=False,
        help_text=_("Shown above the cards (optional)."),
    )
    pages = blocks.ListBlock(
        blocks.PageChooserBlock(label=_("Page")),
        label=_("Pages"),
        min_num=1,
        max_num=12,
        help_text=_(
            "From one to twelve pages; each card shows the page's title and search description."
        ),
    )

    class Meta:
        icon = "table"
        label = _("Card grid")
        template = "blocks/card_grid_block.html"
        description = _("Cards linking to other pages, with their summaries.")
        preview_value = {"heading": "Explore the movement", "pages": []}
