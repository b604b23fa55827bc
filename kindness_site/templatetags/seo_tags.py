"""SEO helpers shared by every template: absolute URLs on ``BASE_URL`` (``pages.public_urls``),
JSON-LD for the organisation and the site search."""

import json
from typing import Any

from django import template
from django.template.context import Context
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from pages.public_urls import absolute, page_absolute_url

register = template.Library()

_JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def json_ld(data: dict[str, Any]) -> SafeString:
    """Serialise ``data`` for a <script type="application/ld+json"> element.

    Escaping <, > and & keeps editor-written text from closing the script element; the CSP allows
    JSON-LD because it is data, not script.
    """
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))


@register.simple_tag(takes_context=True)
def site_json_ld(context: Context) -> SafeString:
    """``Organization`` and ``WebSite`` with a ``SearchAction`` for the active language."""
    site_settings = (context.get("settings") or {}).get("pages", {}).get("SiteSettings")
    root = absolute("/")
    org: dict[str, Any] = {
        "@type": "Organization",
        "@id": f"{root}#organization",
        "name": getattr(site_settings, "organisation_name", "")
        or "International Kindness Movement",
        "url": root,
    }
    if site_settings is not None:
        if site_settings.contact_email:
            org["email"] = site_settings.contact_email
        same_as = [block.value["url"] for block in site_settings.social_links]
        if same_as:
            org["sameAs"] = same_as
        if site_settings.logo_id:
            logo = site_settings.logo.get_rendition("max-512x512|format-png")
            org["logo"] = absolute(logo.url)
    search_url = absolute(reverse("search"))
    website = {
        "@type": "WebSite",
        "@id": f"{root}#website",
        "url": root,
        # The site's name in the visitor's language (its home page's title); the organisation
        # keeps its official name.
        "name": getattr(context.get("site_home"), "title", "") or org["name"],
        "inLanguage": context.get("LANGUAGE_CODE", "en"),
        "publisher": {"@id": org["@id"]},
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": f"{search_url}?q={{search_term_string}}",
            },
            "query-input": "required name=search_term_string",
        },
    }
    return json_ld({"@context": "https://schema.org", "@graph": [org, website]})


@register.simple_tag
def absolute_url(url: str) -> str:
    return absolute(url)


@register.simple_tag
def canonical_page_url(page: Any) -> str:
    return page_absolute_url(page)
