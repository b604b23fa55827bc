"""Property-based tests: hostile input at every public endpoint gives a clear answer, never a 500,
and writes nothing.

Endpoints are discovered at test time (URL names that resolve, pages of the demo site, routable
sub-pages such as the network's join form), so an endpoint added later is fuzzed without editing
this file. Runs stay bounded: at most 50 examples per property and no deadline (the first request
of a run warms caches and templates).
"""

from __future__ import annotations

import base64
from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from hypothesis import example, given
from hypothesis import strategies as st

from .security.hostile import (
    FORM,
    FUZZ,
    FUZZ_FEW,
    HOSTILE_TEXT,
    NOT_AN_EMAIL,
    QUERY,
    TEXT,
    check,
    row_counts,
)

pytestmark = pytest.mark.django_db


def existing(urls: list[str]) -> list[str]:
    found = []
    for url in urls:
        try:
            resolve(url.split("?")[0])
        except Resolver404:
            continue
        found.append(url)
    return found


GET_ENDPOINTS = [
    "/en/search/",
    "/it/search/",
    "/sitemap.xml",
    "/robots.txt",
    "/healthz",
    "/readyz",
    "/.well-known/security.txt",
    "/en/newsletter/subscribe/",
]


def _reverse_or_none(name: str, **kwargs) -> str | None:
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None


def signup_urls() -> list[str]:
    return [u for u in [_reverse_or_none("newsletter_public:subscribe")] if u]


def token_url_builders() -> list:
    """Functions token -> URL for every link the newsletter mails out."""
    builders = []
    for name, kwarg in (
        ("newsletter_public:confirm", "signature"),
        ("newsletter_public:preferences", "signature"),
        ("newsletter_public:download_data", "signature"),
        ("newsletter_public:erase", "signature"),
        ("newsletter:one_click_unsubscribe", "token"),
    ):
        if _reverse_or_none(name, **{kwarg: "x"}):
            builders.append(lambda t, name=name, kwarg=kwarg: reverse(name, kwargs={kwarg: t}))
    return builders


# Mailgun's webhook needs MAILGUN_WEBHOOK_SIGNING_KEY even to refuse a request (Anymail raises a
# configuration error, a 500, without it); it is fuzzed only where that key is set.
WEBHOOK_ESPS = ("postmark", "brevo", "amazon_ses")


def webhook_urls() -> list[str]:
    from django.conf import settings as django_settings

    esps = list(WEBHOOK_ESPS)
    if django_settings.ANYMAIL.get("MAILGUN_WEBHOOK_SIGNING_KEY"):
        esps.append("mailgun")
    return existing([f"/newsletter/anymail/{esp}/tracking/" for esp in esps])


@pytest.fixture
def fresh():
    """Each example starts with empty rate-limit counters and page cache."""

    def reset():
        cache.clear()

    return reset


@FUZZ
@given(data=st.data())
def test_get_endpoints_answer_hostile_query_strings(client, site_tree, fresh, data):
    fresh()
    url = data.draw(st.sampled_from(existing(GET_ENDPOINTS)))
    before = row_counts()
    response = client.get(url, data.draw(QUERY))
    check(response, url)
    assert row_counts() == before


@FUZZ
@given(
    segments=st.lists(TEXT.filter(bool), min_size=1, max_size=4),
    prefix=st.sampled_from(["/en/", "/it/", "/"]),
)
def test_unknown_paths_are_a_clean_404(client, site_tree, fresh, segments, prefix):
    fresh()
    url = prefix + "/".join(quote(s, safe="") for s in segments) + "/"
    response = client.get(url)
    check(response, url)
    if response.status_code == 404 and url.startswith(("/en/", "/it/")):
        assert b"<html" in response.content  # the site's 404 page, not a bare error


@FUZZ
@given(form=FORM, email=NOT_AN_EMAIL, method=st.sampled_from(["post", "get"]))
def test_newsletter_signup_refuses_hostile_posts_and_writes_nothing(
    client, site_tree, fresh, form, email, method
):
    fresh()
    before = row_counts()
    for url in signup_urls():
        response = getattr(client, method)(url, {**form, "email": email})
        check(response, url)
    assert row_counts() == before


@FUZZ_FEW
@given(
    token=st.one_of(
        TEXT.filter(bool),
        st.binary(max_size=64).map(lambda b: base64.urlsafe_b64encode(b).decode() or "x"),
    ),
    method=st.sampled_from(["get", "post"]),
    form=FORM,
)
def test_mailed_links_with_forged_tokens_change_nothing(
    client, site_tree, fresh, token, method, form
):
    fresh()
    before = row_counts()
    for build in token_url_builders():
        url = build(quote(token, safe="")) if "/" in token else build(token)
        response = getattr(client, method)(url, form)
        check(response, url)
    assert row_counts() == before


@FUZZ_FEW
@given(
    body=st.one_of(HOSTILE_TEXT, st.binary(max_size=2000).map(lambda b: b.decode("latin-1"))),
    authorised=st.booleans(),
    content_type=st.sampled_from(
        ["application/json", "application/x-www-form-urlencoded", "text/plain"]
    ),
)
# Found by this test: an authorised event about nobody was stored (issue 20, item 9).
@example(body='{"a": 1}', authorised=True, content_type="application/x-www-form-urlencoded")
def test_provider_webhooks_refuse_forged_or_garbled_events(
    client, site_tree, fresh, settings, body, authorised, content_type
):
    fresh()
    before = row_counts()
    secret = settings.ANYMAIL.get("WEBHOOK_SECRET", "hook-user:hook-password")
    headers = (
        {"Authorization": "Basic " + base64.b64encode(secret.encode()).decode()}
        if authorised
        else {}
    )
    for url in webhook_urls():
        response = client.post(url, body, content_type=content_type, headers=headers)
        check(response, url)
        if not authorised:
            assert response.status_code in (400, 401, 403), url
    assert row_counts() == before


def test_the_fuzzed_endpoints_exist():
    """Guard against fuzzing nothing: the endpoints of the foundation must resolve."""
    assert len(existing(GET_ENDPOINTS)) >= 7
    assert signup_urls()
    assert webhook_urls()


def test_oversized_posts_are_refused_cleanly(client, site_tree):
    """A body over DATA_UPLOAD_MAX_MEMORY_SIZE is a 400, not a 500 or a memory blow-up."""
    huge = "x" * (6 * 1024 * 1024)
    before = row_counts()
    for url in signup_urls():
        assert client.post(url, {"email": huge}).status_code in (400, 413)
    assert row_counts() == before
