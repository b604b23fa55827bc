"""Spreadsheet exports that cannot run formulas: the one helper every CSV the site writes uses.

Visitors type text that staff later export (a newsletter address, a network application's name
or city). Excel and LibreOffice treat a CSV cell starting with ``=``, ``+``, ``-`` or ``@`` (or a
tab or carriage return before one of them) as a formula, so ``=cmd|'/c calc'!A0@example.com``
would run on a staff member's computer when the export is opened. OWASP's remedy is used: such a
cell is prefixed with a single quote, which the spreadsheet shows as text and never evaluates.
XLSX exports are already safe (Wagtail writes every cell that looks like a formula as a string).
"""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """``value`` unchanged unless it is text a spreadsheet would read as a formula; then quoted.
    Numbers, dates and None pass through, so a negative number stays a number."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeSpreadsheetExportMixin:
    """For Wagtail index views with ``list_export``: every CSV cell goes through :func:`safe_cell`.

    Put it before the view class (``class View(SafeSpreadsheetExportMixin, IndexView)``); it
    hooks Wagtail's documented ``preprocess_field_value``, so custom preprocessing still runs
    first and its result is what gets neutralised.
    """

    def preprocess_field_value(self, field: str, value: Any, export_format: str) -> Any:
        processed = super().preprocess_field_value(field, value, export_format)  # type: ignore[misc]
        if export_format == "csv":
            return safe_cell(processed)
        return processed
