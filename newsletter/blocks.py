"""Email-safe blocks for newsletter issues.

Only what renders the same in Gmail, Outlook and Apple Mail: headings, short rich text (bold,
italic, links, lists), one image per block with alt text, a button link, a quote and a divider.
No embeds, no tables of data, no scripts. One template per block serves both the web archive and
the email: the markup is plain, and the email stylesheet is inlined by ``newsletter.emails``.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

EMAIL_RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class EmailHeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        template = "newsletter/blocks/heading.html"
        label = _("Heading")
        description = _("A section heading inside the issue.")
        preview_value = "Stories from this month"
        form_classname = "title"


class EmailTextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", EMAIL_RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "newsletter/blocks/text.html"
        label = _("Text")
        description = _("Paragraphs with bold, italic, links and lists.")
        preview_value = "<p>A short story about a <b>kind act</b> that changed a street.</p>"


class EmailImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=200,
        help_text=_(
            "Describe the image for people who cannot see it (many mail apps hide images)."
        ),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=200)

    class Meta:
        icon = "image"
        template = "newsletter/blocks/image.html"
        label = _("Image")
        description = _("One image, 600 pixels wide in the email, with alternative text.")


class EmailButtonBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Button text"), max_length=60)
    url = blocks.URLBlock(label=_("Link"))

    class Meta:
        icon = "link"
        template = "newsletter/blocks/button.html"
        label = _("Button")
        description = _("A clear call to action linking to a page.")
        preview_value = {"label": "Read the full story", "url": "https://example.org/"}


class EmailQuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"), max_length=500)
    attribution = blocks.CharBlock(label=_("Who said it"), required=False, max_length=120)

    class Meta:
        icon = "openquote"
        template = "newsletter/blocks/quote.html"
        label = _("Quote")
        description = _("A short quotation with its author.")
        preview_value = {"quote": "Kindness is contagious.", "attribution": "A volunteer"}


class EmailDividerBlock(blocks.StaticBlock):
    class Meta:
        icon = "horizontalrule"
        template = "newsletter/blocks/divider.html"
        label = _("Divider")
        description = _("A thin line between sections.")
        admin_text = _("A divider line.")


class IssueBodyBlock(blocks.StreamBlock):
    heading = EmailHeadingBlock()
    text = EmailTextBlock()
    image = EmailImageBlock()
    button = EmailButtonBlock()
    quote = EmailQuoteBlock()
    divider = EmailDividerBlock()
