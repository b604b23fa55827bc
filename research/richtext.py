"""In-text citations inside rich text: the ``citation`` entity.

Stored as ``<a linktype="citation" id="42">cited words</a>``, the same shape as Wagtail's page
and document links. Being a link type has two payoffs: Wagtail's ``ReferenceIndex`` records which
pages cite which reference (``extract_references``), and the front end rewrites it through the
standard rewriter, where it becomes the cited words followed by a numbered marker that links to
the page's reference list.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, cast

from draftjs_exporter.dom import DOM
from draftjs_exporter.types import Element
from wagtail.admin.rich_text.converters.html_to_contentstate import LinkElementHandler
from wagtail.rich_text import LinkHandler

from .citations import citation_marker
from .models import Reference


class CitationLinkHandler(LinkHandler):
    identifier = "citation"

    @staticmethod
    def get_model() -> type[Reference]:
        return Reference

    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict[str, Any]]) -> list[str]:
        """One query for every citation in the text (Wagtail's bulk rewriter calls this)."""
        refs = cast("list[Reference | None]", cls.get_many(attrs_list))  # None: a deleted one
        return [citation_marker(ref) for ref in refs]

    @classmethod
    def expand_db_attributes(cls, attrs: dict[str, Any]) -> str:
        return cls.expand_db_attributes_many([attrs])[0]

    @classmethod
    def extract_references(
        cls, attrs: dict[str, Any]
    ) -> Iterator[tuple[type[Reference], str, str, str]]:
        if attrs.get("id"):
            yield Reference, attrs["id"], "", ""


def citation_entity(props: dict[str, Any]) -> Element:
    """contentstate -> database: the entity becomes ``<a linktype="citation" id="…">``."""
    return DOM.create_element(
        "a", {"linktype": "citation", "id": props.get("id")}, props["children"]
    )


class CitationElementHandler(LinkElementHandler):
    """database -> contentstate: the editor shows the reference's short label as a tooltip."""

    def get_attribute_data(self, attrs: dict[str, Any]) -> dict[str, Any]:
        try:
            pk = int(attrs["id"])
        except (KeyError, ValueError):
            return {}
        ref = Reference.objects.filter(pk=pk).first()
        if ref is None:
            return {"id": pk, "string": ""}
        return {"id": pk, "string": str(ref)}


CONTENTSTATE_RULE = {
    "from_database_format": {'a[linktype="citation"]': CitationElementHandler("CITATION")},
    "to_database_format": {"entity_decorators": {"CITATION": citation_entity}},
}
