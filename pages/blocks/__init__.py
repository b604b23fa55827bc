"""The StreamField block library, one module per family.

Page models import ``BODY_BLOCKS`` (the full library) instead of listing blocks themselves, so a
new block becomes available everywhere in one place.
"""

from .content import AccordionBlock, CallToActionBlock, HeadingBlock, QuoteBlock, RichTextBlock
from .evidence import EvidenceBlock, ReferenceChooserBlock, StatisticBlock
from .listings import CardGridBlock
from .media import DocumentBlock, ImageBlock, LibraryPreviewMixin, VideoBlock, parse_video_url
from .tables import TableBlock

BODY_BLOCKS = [
    ("heading", HeadingBlock()),
    ("paragraph", RichTextBlock()),
    ("image", ImageBlock()),
    ("quote", QuoteBlock()),
    ("statistic", StatisticBlock()),
    ("evidence", EvidenceBlock()),
    ("call_to_action", CallToActionBlock()),
    ("card_grid", CardGridBlock()),
    ("accordion", AccordionBlock()),
    ("video", VideoBlock()),
    ("table", TableBlock()),
    ("document", DocumentBlock()),
]

FIGURE_BLOCKS = [("statistic", StatisticBlock())]

__all__ = [
    "BODY_BLOCKS",
    "FIGURE_BLOCKS",
    "AccordionBlock",
    "CallToActionBlock",
    "CardGridBlock",
    "DocumentBlock",
    "EvidenceBlock",
    "HeadingBlock",
    "ImageBlock",
    "LibraryPreviewMixin",
    "QuoteBlock",
    "ReferenceChooserBlock",
    "RichTextBlock",
    "StatisticBlock",
    "TableBlock",
    "VideoBlock",
    "parse_video_url",
]
