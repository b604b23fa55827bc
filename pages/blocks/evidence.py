"""Evidence blocks: a figure with the source it comes from.

The source is a ``research.Reference`` chosen by its string name, so ``pages`` never imports the
research app (see CONTRIBUTING, "Layout and import direction"). A figure must name its source:
either a reference from the research library or a written source; nothing rests on hearsay.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.snippets.blocks import SnippetChooserBlock

REFERENCE_MODEL = "research.Reference"


class ReferenceChooserBlock(SnippetChooserBlock):
    """Chooses a research reference, named by string (``pages`` never imports ``research``)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(REFERENCE_MODEL, **kwargs)

    def deconstruct(self) -> tuple[str, tuple[()], dict[str, Any]]:
        _path, _args, kwargs = super().deconstruct()
        return "pages.blocks.evidence.ReferenceChooserBlock", (), kwargs


class StatisticBlock(blocks.StructBlock):
    """One figure ("74%"), what it measures, and where it comes from."""

    value = blocks.CharBlock(
        label=_("Figure"),
        max_length=20,
        help_text=_("As the source states it, for example: 74%."),
    )
    label = blocks.CharBlock(
        label=_("What it measures"),
        max_length=160,
        help_text=_("For example: less stress reported by employees."),
    )
    context = blocks.CharBlock(
        label=_("Comparison or caveat"),
        max_length=240,
        required=False,
        help_text=_("Who was compared with whom, and how it was measured."),
    )
    source = ReferenceChooserBlock(
        label=_("Source in the research library"),
        required=False,
        help_text=_("Choose the study this figure comes from."),
    )
    source_text = blocks.CharBlock(
        label=_("Source (written)"),
        max_length=240,
        required=False,
        help_text=_("Only when the source is not in the research library yet."),
    )
    source_url = blocks.URLBlock(
        label=_("Source address"),
        required=False,
        help_text=_("A link to the written source, when it is online."),
    )

    class Meta:
        icon = "order"
        label = _("Figure with source")
        template = "blocks/statistic_block.html"
        description = _("A number with what it measures and the study it comes from.")
        preview_value = {
            "value": "74%",
            "label": "less stress",
            "context": "Employees at high-trust vs low-trust companies (self-reported)",
            "source_text": "Zak, P. J. (2017). The Neuroscience of Trust. Harvard Business Review.",
        }

    def clean(self, value: blocks.StructValue) -> blocks.StructValue:
        value = super().clean(value)
        if not value.get("source") and not value.get("source_text"):
            message = _("Every figure needs a source: choose a reference or write one.")
            raise StructBlockValidationError(block_errors={"source_text": ValidationError(message)})
        return value


class EvidenceBlock(blocks.StructBlock):
    """A group of figures from research with an introduction and an honest note on limits."""

    heading = blocks.CharBlock(
        label=_("Heading"),
        max_length=120,
        help_text=_("For example: What research says."),
    )
    intro = blocks.TextBlock(
        label=_("Introduction"),
        required=False,
        max_length=600,
        help_text=_("One or two sentences shown before the figures."),
    )
    figures = blocks.ListBlock(
        StatisticBlock(),
        label=_("Figures"),
        min_num=1,
        max_num=8,
        help_text=_("From one to eight figures, each with its source."),
    )
    note = blocks.TextBlock(
        label=_("Note on the evidence"),
        required=False,
        max_length=600,
        help_text=_("What the figures do and do not show (for example: correlation only)."),
    )

    class Meta:
        icon = "list-ol"
        label = _("Evidence")
        template = "blocks/evidence_block.html"
        description = _("Several figures from research, each with its source.")
        preview_value = {
            "heading": "What research says",
            "intro": "Trust at work goes with less stress and more productivity.",
            "figures": [
                {
                    "value": "74%",
                    "label": "less stress",
                    "source_text": "Zak (2017), Harvard Business Review",
                },
                {
                    "value": "50%",
                    "label": "higher productivity",
                    "source_text": "Zak (2017), Harvard Business Review",
                },
            ],
            "note": "Self-reported differences between high- and low-trust companies.",
        }
