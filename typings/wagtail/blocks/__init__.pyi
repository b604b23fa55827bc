# ruff: noqa: F403
# wagtail/blocks/field_block.py builds its __all__ with a list comprehension, which mypy cannot
# read, so `from .field_block import *` in wagtail/blocks/__init__.py exports nothing to mypy and
# `blocks.CharBlock` looks missing. This stub mirrors that __init__ and names the field blocks.
# Only this one module is stubbed: every other wagtail module is read from its own hints.
from wagtail.blocks.base import *
from wagtail.blocks.field_block import (
    BlockQuoteBlock as BlockQuoteBlock,
)
from wagtail.blocks.field_block import (
    BooleanBlock as BooleanBlock,
)
from wagtail.blocks.field_block import (
    CharBlock as CharBlock,
)
from wagtail.blocks.field_block import (
    ChoiceBlock as ChoiceBlock,
)
from wagtail.blocks.field_block import (
    ChooserBlock as ChooserBlock,
)
from wagtail.blocks.field_block import (
    DateBlock as DateBlock,
)
from wagtail.blocks.field_block import (
    DateTimeBlock as DateTimeBlock,
)
from wagtail.blocks.field_block import (
    DecimalBlock as DecimalBlock,
)
from wagtail.blocks.field_block import (
    EmailBlock as EmailBlock,
)
from wagtail.blocks.field_block import (
    FieldBlock as FieldBlock,
)
from wagtail.blocks.field_block import (
    FloatBlock as FloatBlock,
)
from wagtail.blocks.field_block import (
    IntegerBlock as IntegerBlock,
)
from wagtail.blocks.field_block import (
    MultipleChoiceBlock as MultipleChoiceBlock,
)
from wagtail.blocks.field_block import (
    PageChooserBlock as PageChooserBlock,
)
from wagtail.blocks.field_block import (
    RawHTMLBlock as RawHTMLBlock,
)
from wagtail.blocks.field_block import (
    RegexBlock as RegexBlock,
)
from wagtail.blocks.field_block import (
    RichTextBlock as RichTextBlock,
)
from wagtail.blocks.field_block import (
    TextBlock as TextBlock,
)
from wagtail.blocks.field_block import (
    TimeBlock as TimeBlock,
)
from wagtail.blocks.field_block import (
    URLBlock as URLBlock,
)
from wagtail.blocks.list_block import *
from wagtail.blocks.static_block import *
from wagtail.blocks.stream_block import *
from wagtail.blocks.struct_block import *
