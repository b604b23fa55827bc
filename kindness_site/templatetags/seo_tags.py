"""SEO helpers shared by every template: absolute URLs, JSON-LD for the organisation and the
site search.

Every absolute URL the site publishes (canonical, hreflang, Open Graph, JSON-LD, sitemap, feeds)
is built from ``BASE_URL``, never from the request's host or the Site record's host and port: a
page then has one canonical address whichever proxy, port or host name served it, and it is the
address the sitemap lists.
"""

import json
from typing import Any
from urllib.parse import urlsplit

from django import template
from django.conf import settings
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


def absolute(url: str) -> str:
    """A site path on the public origin ``BASE_URL``; a URL that is already absolute (media on
    object storage or a CDN) is left as it is."""
    if not url or urlsplit(url).scheme:
        return url or ""
    return f"{settings.BASE_URL}/{url.lstrip('/')}"


def page_absolute_url(page: Any) -> str:
    """The canonical address of a Wagtail page: its path on ``BASE_URL`` (never the Site
    record's host and port); empty when the page is not routable."""
    parts = page.get_url_parts() if page is not None else None
    return absolute(parts[2]) if parts else ""


@register.simple_tag(takes_context=True)
def site_json_ld(context) -> SafeString:
    """``Organization`` and ``WebSite`` with a ``SearchAction`` for the active language."""
    site_settings = context.get("settings", {}).get("pages", {}).get("SiteSettings")
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
