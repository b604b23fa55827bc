"""Blocks that cite the research library from any StreamField.

``pages`` owns the block library and its evidence/figure blocks; this module offers the citation
block, which page models can add by import path (``research.blocks.CitationBlock``) without
``pages`` importing ``research`` at module level.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock


class CitationBlock(blocks.StructBlock):
    """A claim or quotation with its numbered source; the number links to the page's list."""

    text = blocks.TextBlock(
        label=_("Claim or quotation"),
        max_length=600,
        help_text=_("What the source supports, in your words or quoted."),
    )
    is_quotation = blocks.BooleanBlock(
        label=_("This is a word-for-word quotation"),
        required=False,
        default=False,
        help_text=_("Tick it when the text is copied exactly; it is then shown as a quotation."),
    )
    reference = SnippetChooserBlock(
        "research.Reference",
        label=_("Source"),
        help_text=_("Choose the work from the research library; add it there first if missing."),
    )
    locator = blocks.CharBlock(
        label=_("Page or section"),
        max_length=40,
        required=False,
        help_text=_("For example p. 86, or chapter 3."),
    )

    class Meta:
        icon = "openquote"
        label = _("Citation")
        template = "research/blocks/citation_block.html"
        description = _("A claim or quotation with its source from the research library.")
        preview_value = {
            "text": "In high-trust companies people report less stress and more energy at work.",
            "is_quotation": False,
            "locator": "p. 86",
        }
