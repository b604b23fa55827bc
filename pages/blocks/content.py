"""Text blocks: headings, rich text, quotes, calls to action and accordions (FAQ)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

# "citation" is the research app's in-text citation entity (registered by name, no import).
RICH_TEXT_FEATURES = [
    "h2",
    "h3",
    "bold",
    "italic",
    "ol",
    "ul",
    "link",
    "document-link",
    "citation",
]


class HeadingBlock(blocks.StructBlock):
    """A section heading; the level is chosen so the outline stays correct for screen readers."""

    text = blocks.CharBlock(
        label=_("Text"),
        max_length=200,
        help_text=_("A few words that say what the section is about."),
    )
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

    def __init__(self, **kwargs: Any) -> None:
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

    quote = blocks.TextBlock(
        label=_("Quote"), help_text=_("The words exactly as they were said or written.")
    )
    attribution = blocks.CharBlock(
        label=_("Attribution"),
        max_length=200,
        required=False,
        help_text=_("The name of the person quoted."),
    )
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


class CallToActionBlock(blocks.StructBlock):
    """A short invitation with one button, linking to a page of the site or to an address."""

    heading = blocks.CharBlock(
        label=_("Heading"), max_length=120, help_text=_("A short, inviting line.")
    )
    text = blocks.TextBlock(
        label=_("Text"),
        required=False,
        max_length=400,
        help_text=_("One or two sentences that say why to act."),
    )
    button_label = blocks.CharBlock(
        label=_("Button label"),
        max_length=60,
        help_text=_("Say what happens, for example: Join the movement."),
    )
    page = blocks.PageChooserBlock(
        label=_("Page"),
        required=False,
        help_text=_("The page of this site the button opens (or fill in the address below)."),
    )
    url = blocks.URLBlock(
        label=_("Address"),
        required=False,
        help_text=_("Only when the button leads outside the site; otherwise choose a page."),
    )

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "blocks/call_to_action_block.html"
        description = _("An invitation to act, with one clear button.")
        preview_value = {
            "heading": "Every small gesture can inspire big change",
            "text": "Join thousands of people and organisations spreading kindness every day.",
            "button_label": "Join the movement",
            "url": "https://example.org/",
        }

    def clean(self, value: blocks.StructValue) -> blocks.StructValue:
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            message = _("Choose a page or enter an address (one of the two).")
            raise StructBlockValidationError(block_errors={"page": ValidationError(message)})
        return value


class FaqItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(
        label=_("Question"),
        max_length=200,
        help_text=_("Written as a visitor would ask it; visitors click it to see the answer."),
    )
    answer = RichTextBlock(
        label=_("Answer"),
        features=["bold", "italic", "link", "ul", "ol"],
        help_text=_("A short, direct answer; add a link for more."),
    )

    class Meta:
        icon = "help"
        label = _("Question and answer")


class AccordionBlock(blocks.StructBlock):
    """Questions and answers as native ``<details>``: keyboard- and screen-reader-friendly
    without any JavaScript."""

    heading = blocks.CharBlock(
        label=_("Heading"),
        max_length=120,
        required=False,
        help_text=_("Shown above the questions, for example: Frequently asked questions."),
    )
    items = blocks.ListBlock(
        FaqItemBlock(),
        label=_("Questions"),
        min_num=1,
        help_text=_("At least one question; they are shown in this order."),
    )

    class Meta:
        icon = "list-ul"
        label = _("Accordion / FAQ")
        template = "blocks/accordion_block.html"
        description = _("Questions and answers that open one at a time.")
        preview_value = {
            "heading": "Frequently asked questions",
            "items": [
                {
                    "question": "Who can join the movement?",
                    "answer": "<p>People, schools, companies, hospitals and public "
                    "administrations anywhere in the world.</p>",
                },
                {
                    "question": "Is the movement political or religious?",
                    "answer": "<p>No. It is apolitical and non-religious.</p>",
                },
            ],
        }
