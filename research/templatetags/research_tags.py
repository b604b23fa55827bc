"""Template tags other apps use to show research: by area, formatted, and as numbered lists.

``pages`` never imports ``research``; section pages, people and projects load these tags instead.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import QuerySet
from django.utils.safestring import SafeString
from wagtail.models import Page

from pages.locales import active_locale, memoize_on_request
from pages.queries import tree_cached

from .. import formatting
from ..citations import number_for, numbered_references
from ..models import Reference, ResearchIndexPage

register = template.Library()


def library_page(request: Any = None) -> ResearchIndexPage | None:
    """The live research library in the active language (cached until the page tree changes)."""

    def find() -> ResearchIndexPage | None:
        locale = active_locale()
        pages = ResearchIndexPage.objects.live()
        page = pages.filter(locale=locale).first() if locale else None
        return page or pages.order_by("pk").first()

    key = f"research_library:{getattr(active_locale(), 'pk', None)}"
    return tree_cached(request, key, find)


def reference_url(ref: Reference, request: Any = None) -> str:
    """The reference's own page in the active language's library; the DOI if there is none."""
    page = library_page(request)
    if page is None:
        return ref.best_url
    return page.reference_url(ref.slug)


def references_for_area(area: Any, limit: int | None = 6) -> QuerySet[Reference]:
    """References tagged with ``area`` in any language (matched on translation_key)."""
    qs = (
        Reference.objects.filter(areas__translation_key=area.translation_key)
        .distinct()
        .for_listing()
        .order_by("-issued_year", "title")
    )
    return qs[:limit] if limit else qs


@register.simple_tag
def area_references(area: Any, limit: int = 6) -> list[Reference]:
    """``{% area_references area limit=6 as refs %}``"""
    if area is None:
        return []
    return list(references_for_area(area, limit))


@register.simple_tag(takes_context=True)
def format_reference(
    context: template.Context, ref: Reference, style: str = formatting.DEFAULT_STYLE
) -> SafeString:
    """``{% format_reference ref %}`` or ``{% format_reference ref style="mla" %}``: the
    escaped, linked citation in the active language."""
    if ref is None:
        return SafeString("")
    return formatting.format_reference(ref, style)


@register.simple_tag
def in_text_citation(ref: Reference | None, style: str = formatting.DEFAULT_STYLE) -> SafeString:
    """``{% in_text_citation ref %}``: the author-date form, e.g. (Zak, 2017)."""
    if ref is None:
        return SafeString("")
    return formatting.in_text_citation(ref, style)


@register.simple_tag
def citation_number(ref: Reference | None) -> int | None:
    """``{% citation_number ref as n %}``: the reference's number on the page being rendered."""
    return number_for(ref) if ref is not None else None


@register.simple_tag(takes_context=True)
def reference_page_url(context: template.Context, ref: Reference) -> str:
    """``{% reference_page_url ref %}``: the reference's page in the research library."""
    return reference_url(ref, context.get("request"))


@register.inclusion_tag("research/includes/reference_card.html", takes_context=True)
def reference_card(
    context: template.Context, ref: Reference, heading_level: int = 3
) -> dict[str, Any]:
    """``{% reference_card ref %}``: the shared card (same as including the partial)."""
    return {"ref": ref, "request": context.get("request"), "heading_level": heading_level}


@register.simple_tag(takes_context=True)
def reference_list(context: template.Context, page: Page | None = None) -> list[Any]:
    """``{% reference_list page as entries %}``: the numbered references a page cites (from its
    citation/evidence blocks and in-text citations), in order of first citation."""
    page = page or context.get("page")
    if page is None:
        return []
    request = context.get("request")
    return memoize_on_request(
        request, f"reference_list:{page.pk}", lambda: numbered_references(page, request)
    )
