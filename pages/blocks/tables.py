"""Tables: data with a caption and header row, so screen readers announce them properly."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock as WagtailTableBlock


class TableBlock(blocks.StructBlock):
    caption = blocks.CharBlock(
        label=_("Caption"),
        max_length=200,
        help_text=_("Says what the table shows; read first by screen readers."),
    )
    table = WagtailTableBlock(
        label=_("Table"),
        help_text=_("Type or paste the data; tick the option that makes the first row the header."),
    )
    source = blocks.CharBlock(
        label=_("Source"),
        max_length=240,
        required=False,
        help_text=_("Where the data comes from, shown under the table."),
    )

    def get_context(
        self, value: blocks.StructValue, parent_context: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """Render the grid with our caption as its ``<caption>`` (Wagtail's own caption field
        is hidden in the editor by using ours, which is required)."""
        context = super().get_context(value, parent_context=parent_context)
        table = dict(value.get("table") or {})
        table["table_caption"] = value.get("caption", "")
        context["table_html"] = self.child_blocks["table"].render(table) if table else ""
        return context

    class Meta:
        icon = "table"
        label = _("Table")
        template = "blocks/table_block.html"
        description = _("Rows and columns of data with a caption.")
        preview_value = {
            "caption": "Members of the network by kind",
            "table": {
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "data": [["Kind", "Members"], ["Schools", "12"], ["Public administrations", "8"]],
            },
        }
