"""``{% newsletter_signup_form source="footer" %}``: the no-JavaScript sign-up form anywhere.

The footer variant leaves out the topic checkboxes (one query fewer on every page, and a short
form in a footer); the home page and the dedicated page show them.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.template.context import Context
from django.utils.translation import get_language

from ..forms import SOURCES, SignupForm

register = template.Library()


@register.inclusion_tag("newsletter/includes/signup_form.html", takes_context=True)
def newsletter_signup_form(
    context: Context, source: str = "footer", topics: bool | None = None
) -> dict[str, Any]:
    """Render the sign-up form; ``source`` is recorded in the consent ledger."""
    if source not in SOURCES:
        source = "page"
    with_topics = source != "footer" if topics is None else bool(topics)
    form = SignupForm(with_topics=with_topics, initial={"source": source})
    return {
        "form": form,
        "source": source,
        "compact": source == "footer",
        "request": context.get("request"),
        # An unbound form's topic checkboxes are the same for every visitor of a language: a
        # {% publiccache %} fragment spares their query and widget rendering on every page.
        "cache_topics": with_topics,
        "language": get_language(),
    }


@register.filter
def absolute_url(url: str) -> str:
    """Prefix site-relative URLs with BASE_URL: mail clients cannot resolve ``/media/...``."""
    from django.conf import settings

    if url.startswith("/") and not url.startswith("//"):
        return f"{settings.BASE_URL}{url}"
    return url


@register.filter
def archive_url(issue_url: str) -> str:
    """The archive's URL from an issue's: issues always sit directly under their archive, so
    this saves the ancestor query that breadcrumbs would cost on every issue page."""
    trimmed = issue_url.rstrip("/")
    return trimmed[: trimmed.rfind("/") + 1] if "/" in trimmed else issue_url
