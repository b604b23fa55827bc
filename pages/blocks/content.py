"""Text blocks: headings, rich text and quotes."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    """A section heading; the level is chosen so the outline stays correct for screen readers."""

    text = blocks.CharBlock(label=_("Text"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Heading 2")), ("h3", _("Heading 3"))],
        default="h2",
        help_text=_("Use Heading 2 for main sections and Heading 3 inside them."),
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"
        description = _("A heading that starts a new section of the page.")
        preview_value = {"text": "Kindness is a universal language", "level": "h2"}


class RichTextBlock(blocks.RichTextBlock):
    """Body text with a restrained set of formatting options that stay accessible."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Paragraph")
        template = "blocks/rich_text_block.html"
        description = _("Paragraphs of text with links, lists and emphasis.")
        preview_value = (
            "<p>Kindness is able to overcome all cultural barriers because it is a universal "
            "language that speaks through the intelligence of the heart.</p>"
        )


class QuoteBlock(blocks.StructBlock):
    """A quotation with its attribution, marked up as figure/blockquote/figcaption."""

    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), max_length=200, required=False)
    role = blocks.CharBlock(
        label=_("Role or source"),
        max_length=200,
        required=False,
        help_text=_("For example: Founder of the movement."),
    )

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote_block.html"
        description = _("A quotation with the name of the person who said it.")
        preview_value = {
            "quote": "Kindness is a universal language that speaks through the heart.",
            "attribution": "Daniel Lumera",
            "role": "Founder",
        }
