"""Email-safe blocks for newsletter issues.

Only what renders the same in Gmail, Outlook and Apple Mail: headings, short rich text (bold,
italic, links, lists), one image per block with alt text, a button link, a quote and a divider.
No embeds, no tables of data, no scripts. One template per block serves both the web archive and
the email: the markup is plain, and the email stylesheet is inlined by ``newsletter.emails``.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from pages.blocks import LibraryPreviewMixin

EMAIL_RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]
PREVIEW_TEMPLATE = "newsletter/blocks/preview.html"


class EmailPreviewMixin:
    """Previews newsletter blocks with the email's styles, not the website's."""

    def get_preview_template(self, value: Any, context: dict[str, Any] | None = None) -> str:
        return PREVIEW_TEMPLATE


class EmailHeadingBlock(EmailPreviewMixin, blocks.CharBlock):
    class Meta:
        icon = "title"
        template = "newsletter/blocks/heading.html"
        label = _("Heading")
        description = _("A section heading inside the issue.")
        preview_value = "Stories from this month"
        form_classname = "title"


class EmailTextBlock(EmailPreviewMixin, blocks.RichTextBlock):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("features", EMAIL_RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "newsletter/blocks/text.html"
        label = _("Text")
        description = _("Paragraphs with bold, italic, links and lists.")
        preview_value = "<p>A short story about a <b>kind act</b> that changed a street.</p>"


class EmailImageBlock(EmailPreviewMixin, LibraryPreviewMixin, blocks.StructBlock):
    image = ImageChooserBlock(
        label=_("Image"),
        help_text=_(
            "Choose a landscape image at least 1200 pixels wide; it fills the email's width."
        ),
    )
    alt = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=200,
        help_text=_(
            "Describe the image for people who cannot see it (many mail apps hide images)."
        ),
    )
    caption = blocks.CharBlock(
        label=_("Caption"),
        required=False,
        max_length=200,
        help_text=_("A line under the image (optional)."),
    )

    class Meta:
        icon = "image"
        template = "newsletter/blocks/image.html"
        label = _("Image")
        description = _("One image, 600 pixels wide in the email, with alternative text.")
        preview_value = {
            "alt": "Volunteers planting trees together",
            "caption": "A morning of kindness in the park",
        }


class EmailButtonBlock(EmailPreviewMixin, blocks.StructBlock):
    label = blocks.CharBlock(
        label=_("Button text"),
        max_length=60,
        help_text=_("Say where it leads, for example: Read the full story."),
    )
    url = blocks.URLBlock(
        label=_("Link"),
        help_text=_("The full address the button opens, starting with https://."),
    )

    class Meta:
        icon = "link"
        template = "newsletter/blocks/button.html"
        label = _("Button")
        description = _("A clear call to action linking to a page.")
        preview_value = {"label": "Read the full story", "url": "https://example.org/"}


class EmailQuoteBlock(EmailPreviewMixin, blocks.StructBlock):
    quote = blocks.TextBlock(
        label=_("Quote"),
        max_length=500,
        help_text=_("The words exactly as they were said or written."),
    )
    attribution = blocks.CharBlock(
        label=_("Who said it"),
        required=False,
        max_length=120,
        help_text=_("The name of the person quoted."),
    )

    class Meta:
        icon = "openquote"
        template = "newsletter/blocks/quote.html"
        label = _("Quote")
        description = _("A short quotation with its author.")
        preview_value = {"quote": "Kindness is contagious.", "attribution": "A volunteer"}


class EmailDividerBlock(EmailPreviewMixin, blocks.StaticBlock):
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
