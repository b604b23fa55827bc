"""Only the configured provider's tracking webhook is mounted; the rest are a plain 404."""

from __future__ import annotations

import pytest

from kindness_site.settings.mail import webhook_providers
from newsletter.urls import tracking_webhooks

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/newsletter/anymail/mailgun/tracking/",  # no signing key configured: used to be a 500
        "/newsletter/anymail/brevo/tracking/",
        "/newsletter/anymail/postmark/inbound/",  # inbound mail is never processed here
    ],
)
def test_unconfigured_webhooks_are_not_found(client, home, url):
    # Like any path without a language prefix, it is first sent to /en/... (LocaleMiddleware),
    # where nothing answers either: never Anymail's view, never a 500.
    response = client.post(url, "{}", content_type="application/json", follow=True)
    assert response.status_code == 404
    assert all(
        hop.startswith("/en/newsletter/anymail/") for hop, _status in response.redirect_chain
    )


def test_the_configured_provider_asks_for_its_secret(client):
    response = client.post(
        "/newsletter/anymail/postmark/tracking/", "{}", content_type="application/json"
    )
    # Anymail refuses a request without the basic-auth secret before reading the body.
    assert response.status_code == 401
    assert b"hook-password" not in response.content


def test_routes_are_built_for_each_named_provider():
    names = {pattern.name for pattern in tracking_webhooks(["mailgun", "amazon_ses"], "u:p")}
    assert names == {"mailgun_tracking_webhook", "amazon_ses_tracking_webhook"}
    assert tracking_webhooks([], "u:p") == []
    assert tracking_webhooks(["postmark"], "") == []  # never mounted without a secret


@pytest.mark.parametrize(
    ("provider", "expected"),
    [("file", []), ("smtp", []), ("console", []), ("postmark", ["postmark"])],
)
def test_default_webhook_provider_follows_email_provider(monkeypatch, provider, expected):
    monkeypatch.delenv("NEWSLETTER_WEBHOOK_PROVIDERS", raising=False)
    assert webhook_providers(provider) == expected


def test_webhook_providers_can_be_named_explicitly(monkeypatch):
    monkeypatch.setenv("NEWSLETTER_WEBHOOK_PROVIDERS", "mailgun,postmark")
    assert webhook_providers("smtp") == ["mailgun", "postmark"]
