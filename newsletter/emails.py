"""Email rendering: transactional messages and the issue rendered once per language.

An issue is rendered once per language into HTML (CSS inlined, so Gmail and Outlook keep the
styling) and plain text, with placeholders where each recipient's links go. ``personalise`` fills
the placeholders by plain string substitution: 100,000 recipients cost 100,000 ``str.replace``
calls, not 100,000 template renders.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import css_inline
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import strip_tags

from pages.public_urls import page_absolute_url

from .links import LinkFactory, confirm_url, preferences_url

if TYPE_CHECKING:
    from wagtail.blocks import StreamValue

    from .models import NewsletterIssuePage, Subscriber

UNSUBSCRIBE_MARK = "%%unsubscribe_url%%"
PREFERENCES_MARK = "%%preferences_url%%"
MAX_EMAIL_BYTES = 100 * 1024

_inliner = css_inline.CSSInliner(keep_at_rules=True)


@dataclass(frozen=True)
class RenderedIssue:
    """One language's rendering of an issue, with placeholders for per-recipient links."""

    language: str
    subject: str
    html: str
    text: str

    @property
    def size(self) -> int:
        return len(self.html.encode())


@dataclass(frozen=True)
class PersonalMessage:
    html: str
    text: str
    unsubscribe_url: str


def render_issue(issue: NewsletterIssuePage) -> RenderedIssue:
    """Render ``issue`` (a NewsletterIssuePage in its own language) as an email."""
    language = issue.locale.language_code
    with translation.override(language):
        context = {
            "page": issue,
            "issue": issue,
            "web_url": page_absolute_url(issue),
            "unsubscribe_url": UNSUBSCRIBE_MARK,
            "preferences_url": PREFERENCES_MARK,
            "site_name": settings.WAGTAIL_SITE_NAME,
            "base_url": settings.BASE_URL,
        }
        raw_html = render_to_string("email/newsletter/issue.html", context)
        text = render_to_string(
            "email/newsletter/issue.txt", {**context, "body_text": stream_to_text(issue.body)}
        )
    inlined = _inliner.inline(raw_html)
    return RenderedIssue(language=language, subject=issue.title, html=inlined, text=_tidy(text))


def personalise(rendered: RenderedIssue, links: LinkFactory, token: str) -> PersonalMessage:
    unsubscribe = links.unsubscribe(token)
    preferences = links.preferences(token)
    html_part = rendered.html.replace(UNSUBSCRIBE_MARK, unsubscribe).replace(
        PREFERENCES_MARK, preferences
    )
    text_part = rendered.text.replace(UNSUBSCRIBE_MARK, unsubscribe).replace(
        PREFERENCES_MARK, preferences
    )
    return PersonalMessage(html=html_part, text=text_part, unsubscribe_url=unsubscribe)


def issue_message(
    rendered: RenderedIssue, personal: PersonalMessage, to: str, *, subject_prefix: str = ""
) -> EmailMultiAlternatives:
    """The message with the RFC 8058 one-click headers and the List-Id (RFC 2919)."""
    message = EmailMultiAlternatives(
        subject=f"{subject_prefix}{rendered.subject}",
        body=personal.text,
        from_email=settings.NEWSLETTER_FROM_EMAIL,
        to=[to],
        headers={
            "List-Unsubscribe": f"<{personal.unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"{settings.WAGTAIL_SITE_NAME} <{settings.NEWSLETTER_LIST_ID}>",
        },
    )
    message.attach_alternative(personal.html, "text/html")
    return message


# --- plain text ------------------------------------------------------------------------------
_LINK = re.compile(r'<a\s[^>]*href="([^"]+)"[^>]*>(.*?)</a>', re.S | re.I)
_ITEM = re.compile(r"<li[^>]*>", re.I)
_BLOCK_END = re.compile(r"</(p|li|ul|ol|h\d|div)>", re.I)


def html_to_text(fragment: str) -> str:
    """Rich text to readable plain text: links become "text (url)", list items "- item"."""
    fragment = _LINK.sub(lambda m: f"{m.group(2)} ({m.group(1)})", fragment)
    fragment = _ITEM.sub("- ", fragment)
    fragment = _BLOCK_END.sub("\n", fragment)
    fragment = re.sub(r"<br\s*/?>", "\n", fragment, flags=re.I)
    return html.unescape(strip_tags(fragment)).strip()


def stream_to_text(body: StreamValue) -> str:
    """The issue body as plain text, block by block."""
    parts: list[str] = []
    for block in body:
        kind, value = block.block_type, block.value
        if kind == "heading":
            parts.append(f"{value}\n{'=' * len(str(value))}")
        elif kind == "text":
            parts.append(html_to_text(str(value)))
        elif kind == "image":
            parts.append(
                f"[{value['alt']}]" + (f"\n{value['caption']}" if value["caption"] else "")
            )
        elif kind == "button":
            parts.append(f"{value['label']}: {value['url']}")
        elif kind == "quote":
            by = f"\n  — {value['attribution']}" if value["attribution"] else ""
            parts.append(f"> {value['quote']}{by}")
        elif kind == "divider":
            parts.append("-" * 40)
    return "\n\n".join(p for p in parts if p)


def _tidy(text: str) -> str:
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


# --- transactional -------------------------------------------------------------------------
def send_confirmation(subscriber: Subscriber) -> None:
    """The double opt-in email with a signed link that expires."""
    _send_transactional(
        subscriber,
        "confirm",
        {
            "confirm_url": confirm_url(subscriber.token, subscriber.language),
            "max_age_days": settings.NEWSLETTER_CONFIRM_MAX_AGE_DAYS,
        },
    )


def send_already_subscribed(subscriber: Subscriber) -> None:
    """Sent instead of a confirmation when the address is already in: the page says the same."""
    _send_transactional(
        subscriber,
        "already",
        {"preferences_url": preferences_url(subscriber.token, subscriber.language)},
    )


def _send_transactional(subscriber: Subscriber, name: str, context: dict[str, Any]) -> None:
    with translation.override(subscriber.language):
        context = {**context, "site_name": settings.WAGTAIL_SITE_NAME}
        subject = render_to_string(f"email/newsletter/{name}_subject.txt", context).strip()
        text = render_to_string(f"email/newsletter/{name}.txt", context)
        html_part = _inliner.inline(render_to_string(f"email/newsletter/{name}.html", context))
    message = EmailMultiAlternatives(
        subject=subject, body=text, from_email=settings.NEWSLETTER_FROM_EMAIL, to=[subscriber.email]
    )
    message.attach_alternative(html_part, "text/html")
    message.send()
