"""The StreamField block library, one module per family.

Page models import ``BODY_BLOCKS`` (the full library) instead of listing blocks themselves, so a
new block becomes available everywhere in one place.
"""

from .content import HeadingBlock, QuoteBlock, RichTextBlock
from .media import ImageBlock

BODY_BLOCKS = [
    ("heading", HeadingBlock()),
    ("paragraph", RichTextBlock()),
    ("image", ImageBlock()),
    ("quote", QuoteBlock()),
]

__all__ = ["BODY_BLOCKS", "HeadingBlock", "ImageBlock", "QuoteBlock", "RichTextBlock"]
