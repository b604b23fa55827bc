# wagtail/blocks/field_block.py builds its __all__ with a list comprehension, which mypy cannot
# read, so `from .field_block import *` in wagtail/blocks/__init__.py exports nothing to mypy and
# `blocks.CharBlock` looks missing. This stub mirrors that __init__ and names the field blocks.
# Only this one module is stubbed: every other wagtail module is read from its own hints.
from wagtail.blocks.base import *
from wagtail.blocks.field_block import (
    BlockQuoteBlock as BlockQuoteBlock,
    BooleanBlock as BooleanBlock,
    CharBlock as CharBlock,
    ChoiceBlock as ChoiceBlock,
    ChooserBlock as ChooserBlock,
    DateBlock as DateBlock,
    DateTimeBlock as DateTimeBlock,
    DecimalBlock as DecimalBlock,
    EmailBlock as EmailBlock,
    FieldBlock as FieldBlock,
    FloatBlock as FloatBlock,
    IntegerBlock as IntegerBlock,
    MultipleChoiceBlock as MultipleChoiceBlock,
    PageChooserBlock as PageChooserBlock,
    RawHTMLBlock as RawHTMLBlock,
    RegexBlock as RegexBlock,
    RichTextBlock as RichTextBlock,
    TextBlock as TextBlock,
    TimeBlock as TimeBlock,
    URLBlock as URLBlock,
)
from wagtail.blocks.list_block import *
from wagtail.blocks.static_block import *
from wagtail.blocks.stream_block import *
from wagtail.blocks.struct_block import *
