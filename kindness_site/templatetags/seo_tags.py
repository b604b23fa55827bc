"""SEO helpers shared by every template: JSON-LD for the organisation and the site search."""

import json
from typing import Any

from django import template
from django.http import HttpRequest
from django.template.context import Context
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

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
    request: HttpRequest = context["request"]
    site_settings = (context.get("settings") or {}).get("pages", {}).get("SiteSettings")
    root = request.build_absolute_uri("/")
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
            org["logo"] = request.build_absolute_uri(logo.url)
    search_url = request.build_absolute_uri(reverse("search"))
    website = {
        "@type": "WebSite",
        "@id": f"{root}#website",
        "url": root,
        "name": org["name"],
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


@register.simple_tag(takes_context=True)
def absolute_url(context: Context, url: str) -> str:
    request: HttpRequest = context["request"]
    return request.build_absolute_uri(url)
