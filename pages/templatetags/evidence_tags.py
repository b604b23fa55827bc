"""Figures with footnoted sources: several figures from one study cite it once, not four times."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django import template

register = template.Library()


@dataclass
class Source:
    number: int
    reference: Any = None
    text: str = ""
    url: str = ""


@dataclass
class NumberedFigures:
    figures: list[tuple[Any, int]] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)


def _figure_values(figures: Iterable[Any]) -> list[Any]:
    """Accept a StreamValue (``block.value``), a ListValue or plain StructValues."""
    values = []
    for item in figures or []:
        values.append(getattr(item, "value", item) if hasattr(item, "block_type") else item)
    return values


@register.simple_tag
def numbered_sources(figures: Iterable[Any]) -> NumberedFigures:
    """``{% numbered_sources page.evidence as evidence %}``: each figure with the number of its
    source, and the distinct sources in order of first use."""
    result = NumberedFigures()
    numbers: dict[tuple[object, ...], Source] = {}
    for value in _figure_values(figures):
        reference = value.get("source")
        if reference is not None:
            key: tuple[object, ...] = ("ref", reference.pk)
        else:
            key = ("text", value.get("source_text", ""), value.get("source_url", ""))
        source = numbers.get(key)
        if source is None:
            source = Source(
                number=len(numbers) + 1,
                reference=reference,
                text=value.get("source_text", ""),
                url=value.get("source_url", ""),
            )
            numbers[key] = source
            result.sources.append(source)
        result.figures.append((value, source.number))
    return result
