"""Numbered citations and the reference list a page generates from them.

Numbers are given in the order citations are first met: while the page renders (rich-text
entities and citation blocks ask ``number_for``) or while ``numbered_references`` walks the
page's content in document order, whichever comes first. Both walk the content in the same
order, so the number in the text always matches the number in the list. The numbering lives in
a context variable that is reset at the start of every request (``request_started``), so two
pages, or two requests, never share numbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.html import format_html
from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.fields import RichTextField, StreamField
from wagtail.rich_text import RichText

from .models import Reference

CITATION_ENTITY = re.compile(r"<a\b[^>]*\blinktype=\"citation\"[^>]*>", re.IGNORECASE)
ENTITY_ID = re.compile(r"\bid=\"(\d+)\"")


@dataclass
class Numbering:
    order: list[int] = field(default_factory=list)

    def number_for(self, pk: int) -> int:
        if pk not in self.order:
            self.order.append(pk)
        return self.order.index(pk) + 1


_numbering: ContextVar[Numbering | None] = ContextVar("research_citation_numbering", default=None)


def reset_numbering(**kwargs: Any) -> None:
    """Connected to ``request_started``: every request starts counting from 1."""
    _numbering.set(None)


def current_numbering() -> Numbering:
    numbering = _numbering.get()
    if numbering is None:
        numbering = Numbering()
        _numbering.set(numbering)
    return numbering


def number_for(ref: Reference) -> int:
    return current_numbering().number_for(ref.pk)


def citation_marker(ref: Reference | None) -> str:
    """The opening tag of an in-text citation (the cited words and ``</a>`` follow it).

    The number is drawn by CSS from ``data-citation`` after the words; ``aria-describedby``
    lets screen readers announce the full reference from the list at the foot of the page.
    """
    if ref is None:
        return '<a class="citation citation--missing">'
    number = number_for(ref)
    return format_html(
        '<a class="citation" href="#ref-{n}" data-citation="{n}" aria-describedby="ref-{n}">',
        n=number,
    )


# --- walking a page's content in document order ---------------------------------------------
def cited_ids(page: models.Model) -> list[int]:
    """Reference ids cited by ``page``: rich-text fields, StreamFields (any block whose value is
    a Reference, and rich text inside blocks), in field order, then document order."""
    ids: list[int] = []
    for model_field in page._meta.get_fields():
        if isinstance(model_field, RichTextField | StreamField):
            ids.extend(_walk(getattr(page, model_field.name, None)))
    return list(dict.fromkeys(ids))


def _walk(value: Any) -> Iterator[int]:
    if value is None:
        return
    if isinstance(value, Reference):
        yield value.pk
    elif isinstance(value, RichText):
        yield from _ids_in_html(value.source)
    elif isinstance(value, str):
        yield from _ids_in_html(value)
    elif isinstance(value, StreamValue):
        for child in value:
            yield from _walk(child.value)
    elif isinstance(value, StructValue | dict):
        for child in value.values():
            yield from _walk(child)
    elif isinstance(value, ListValue | list | tuple):
        for child in value:
            yield from _walk(child)


def _ids_in_html(html: str) -> Iterator[int]:
    if "citation" not in html:
        return
    for tag in CITATION_ENTITY.findall(html):
        match = ENTITY_ID.search(tag)
        if match:
            yield int(match.group(1))


@dataclass(frozen=True)
class NumberedReference:
    number: int
    reference: Reference


def numbered_references(page: models.Model, request: Any = None) -> list[NumberedReference]:
    """The page's reference list: every cited reference once, numbered as in the text."""
    numbering = current_numbering()
    for pk in cited_ids(page):
        numbering.number_for(pk)
    refs = Reference.objects.for_listing().in_bulk(numbering.order)
    return [
        NumberedReference(number, refs[pk])
        for number, pk in enumerate(numbering.order, start=1)
        if pk in refs
    ]
