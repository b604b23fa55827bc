"""Newsletter fixtures: areas in both languages, an archive with one issue, sign-up helpers."""

from __future__ import annotations

import re
import time

import pytest
from django.test import Client

from newsletter.models import NewsletterIndexPage, NewsletterIssuePage
from newsletter.timetrap import issue_stamp
from pages.models import Area
from tests.conftest import publish_child

AREAS = [("health", "Health", "Salute"), ("education", "Education", "Educazione")]


@pytest.fixture
def areas(locales) -> dict[str, dict[str, Area]]:
    """Two areas per language, sharing translation keys like the real taxonomy."""
    found: dict[str, dict[str, Area]] = {"en": {}, "it": {}}
    for order, (slug, en_name, it_name) in enumerate(AREAS):
        en = Area.objects.create(
            name=en_name,
            slug=slug,
            locale=locales["en"],
            colour="rose",
            icon="heart",
            sort_order=order,
        )
        it = en.copy_for_translation(locales["it"])
        it.name = it_name
        it.save()
        found["en"][slug] = en
        found["it"][slug] = it
    return found


BODY = [
    {"type": "heading", "value": "Stories from this month"},
    {"type": "text", "value": '<p>A <b>kind</b> act. <a href="https://example.org/s">Read</a></p>'},
    {"type": "button", "value": {"label": "Join us", "url": "https://example.org/join"}},
    {"type": "quote", "value": {"quote": "Kindness is contagious.", "attribution": "A volunteer"}},
    {"type": "divider", "value": None},
]


@pytest.fixture
def archive(site_tree) -> dict[str, NewsletterIndexPage]:
    en = publish_child(site_tree["en"], NewsletterIndexPage(title="Newsletter", slug="newsletter"))
    it = en.copy_for_translation(site_tree["it"].locale)
    it.title = "Newsletter IT"
    it.save_revision().publish()
    return {"en": en, "it": it}


@pytest.fixture
def issue(archive) -> dict[str, NewsletterIssuePage]:
    """One issue published in English and Italian (same translation key)."""
    en = publish_child(
        archive["en"],
        NewsletterIssuePage(
            title="November stories", slug="november", preheader="Kind acts", body=BODY
        ),
    )
    it = en.copy_for_translation(archive["it"].locale)
    it.title = "Storie di novembre"
    it.save_revision().publish()
    return {"en": en, "it": NewsletterIssuePage.objects.get(pk=it.pk)}


def signup_data(email: str, language: str = "en", **extra) -> dict:
    data = {
        "email": email,
        "language": language,
        "consent": "on",
        "website": "",
        "started": issue_stamp(time.time() - 30),
        "source": "footer",
    }
    data.update(extra)
    return data


@pytest.fixture
def signup(client: Client, django_capture_on_commit_callbacks):
    """POST the sign-up form like a browser would (on-commit email tasks run)."""

    def post(email: str, language: str = "en", ip: str = "203.0.113.5", **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                f"/{language}/newsletter/subscribe/",
                signup_data(email, language, **extra),
                REMOTE_ADDR=ip,
                HTTP_USER_AGENT="pytest-browser/1.0",
            )

    return post


def link_in(text: str, pattern: str) -> str:
    match = re.search(pattern, text)
    assert match, f"no link matching {pattern!r} in:\n{text}"
    return match.group(0)


@pytest.fixture
def run_send(django_capture_on_commit_callbacks):
    """Start a send and run it to the end with the immediate task backend."""
    from newsletter import sending

    def run(send):
        with django_capture_on_commit_callbacks(execute=True):
            sending.start_send(send.pk)
        send.refresh_from_db()
        return send

    return run
