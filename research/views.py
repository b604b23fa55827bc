"""Public views of the research library, called from ResearchIndexPage's routes.

The listing, the reference page and every export share their URLs: adding ``?format=bibtex``
(or ``ris``, ``csl-json``) to any of them downloads what the page shows, so a filtered list can
be shared and exported with the same address.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.template.response import TemplateResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Page, ReferenceIndex

from pages.locales import active_locale, memoize_on_request
from pages.public_urls import absolute
from pages.queries import page_translation_urls, public_live

from . import formatting
from .export import EXPORT_FORMATS, export_response
from .library import LibraryQuery, areas_for_filters
from .metadata import coins, google_scholar_meta, schema_org
from .models import Reference

if TYPE_CHECKING:
    from .models import ResearchIndexPage

EXPORT_LIMIT = 20000


def _export_format(request: HttpRequest, export: bool) -> tuple[str | None, HttpResponse | None]:
    fmt = request.GET.get("format")
    if not fmt:
        if export:
            return None, HttpResponseBadRequest(
                _("Choose an export format: bibtex, ris or csl-json."), content_type="text/plain"
            )
        return None, None
    if fmt not in EXPORT_FORMATS:
        # Plain text (with nosniff) is never parsed as HTML: the value is shown as typed, since
        # HTML-escaping it here would show "&lt;" to the reader; only its length is capped.
        return None, HttpResponseBadRequest(
            _("Unknown export format “%(format)s”: use bibtex, ris or csl-json.")
            % {"format": fmt[:40]},
            content_type="text/plain; charset=utf-8",
        )
    return fmt, None


def _remember_library(page: ResearchIndexPage, request: HttpRequest) -> None:
    """The research tags look the library page up; tell them it is this one (no query)."""
    memoize_on_request(
        request, f"research_library:{getattr(active_locale(), 'pk', None)}", lambda: page
    )


def library_view(page: ResearchIndexPage, request: HttpRequest, export: bool = False) -> Any:
    fmt, error = _export_format(request, export)
    if error:
        return error
    query = LibraryQuery(request.GET, areas_for_filters())
    results = query.results()
    if fmt:
        refs = list(results[:EXPORT_LIMIT])
        name = "kindness-research" + ("-selection" if query.is_filtered else "")
        return export_response(refs, fmt, name)
    _remember_library(page, request)
    per_page = min(max(page.per_page or 20, 5), 100)
    facets = query.facets()
    paginator = Paginator(results, per_page)
    paginator.count = query.total or 0  # counted with the facets: no separate COUNT query
    page_obj = paginator.get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    params.pop("format", None)
    base_query = params.urlencode()
    context = page.get_context(request)
    context.update(
        {
            "form": query.form,
            "facets": facets,
            "page_obj": page_obj,
            "references": [
                {"ref": ref, "url": page.reference_url(ref.slug)} for ref in page_obj.object_list
            ],
            "is_filtered": query.is_filtered,
            "query": query,
            "export_links": [
                {
                    "label": f.label,
                    "url": "?" + "&".join(filter(None, [base_query, f"format={f.key}"])),
                }
                for f in EXPORT_FORMATS.values()
            ],
        }
    )
    return TemplateResponse(request, "research/research_index_page.html", context)


def reference_view(
    page: ResearchIndexPage, request: HttpRequest, slug: str, export: bool = False
) -> Any:
    ref = Reference.objects.for_listing().prefetch_related("areas").filter(slug=slug).first()
    if ref is None:
        raise Http404(_("No reference with this address."))
    fmt, error = _export_format(request, export)
    if error:
        return error
    if fmt:
        return export_response([ref], fmt, slugify(ref.slug))
    _remember_library(page, request)
    url = page.reference_url(ref.slug)
    canonical = absolute(url)
    context = page.get_context(request)
    context.update(
        {
            "ref": ref,
            "reference_url": url,
            "canonical_url": canonical,
            "styles": formatting.all_styles(ref),
            "cited_on": cited_on(ref),
            "export_links": [
                {"label": f.label, "url": "?" + urlencode({"format": f.key})}
                for f in EXPORT_FORMATS.values()
            ],
            "alternates": alternates(page, ref, request),
            "coins": coins(ref),
            "scholar_meta": google_scholar_meta(ref, canonical),
            "schema_org": schema_org(ref, canonical),
        }
    )
    return TemplateResponse(request, "research/reference_page.html", context)


def cited_on(ref: Reference) -> list[Page]:
    """Live pages in the active language that cite ``ref`` (Wagtail's reference index)."""
    page_ids = (
        ReferenceIndex.get_references_to(ref)
        .filter(base_content_type__model="page", base_content_type__app_label="wagtailcore")
        .values_list("object_id", flat=True)
    )
    pages = public_live(Page.objects.filter(pk__in=list(page_ids)))  # no restrictions query
    locale = active_locale()
    if locale is not None:
        pages = pages.filter(locale=locale)
    return list(pages.order_by("title")[:50])


def alternates(
    page: ResearchIndexPage, ref: Reference, request: HttpRequest
) -> list[dict[str, str]]:
    """The same reference in the other languages' libraries (for hreflang); the libraries' URLs
    come from the cache of live translations (no query until the page tree changes)."""
    route = page.reverse_subpage("reference", args=[ref.slug])
    return [
        {"code": code, "url": absolute(url + route)}
        for code, url in page_translation_urls(page).items()
    ]
