"""A server-side SVG bar chart: no JavaScript, no chart library, safe under a strict CSP."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString


@dataclass(frozen=True)
class Bar:
    label: str
    value: int


def bar_chart(bars: list[Bar], *, title: str, width: int = 560, bar_height: int = 26) -> SafeString:
    """Horizontal bars with the number printed next to each (the colour carries no meaning)."""
    label_width, gap = 150, 8
    top = max((b.value for b in bars), default=0) or 1
    plot = width - label_width - 70
    height = len(bars) * (bar_height + gap) + gap
    rows = []
    for index, bar in enumerate(bars):
        y = gap + index * (bar_height + gap)
        length = round(plot * bar.value / top)
        rows.append(
            (
                y + bar_height * 0.7,
                bar.label,
                label_width,
                y,
                max(length, 1),
                bar_height,
                label_width + length + 6,
                y + bar_height * 0.7,
                bar.value,
            )
        )
    body = format_html_join(
        "",
        '<text x="0" y="{}" font-size="13">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="{}" fill="#8a3b12"></rect>'
        '<text x="{}" y="{}" font-size="13" font-weight="bold">{}</text>',
        rows,
    )
    return format_html(
        '<svg class="newsletter-chart" role="img" aria-label="{}" viewBox="0 0 {} {}" '
        'width="{}" height="{}" xmlns="http://www.w3.org/2000/svg"><title>{}</title>{}</svg>',
        title,
        width,
        height,
        width,
        height,
        title,
        body,
    )
