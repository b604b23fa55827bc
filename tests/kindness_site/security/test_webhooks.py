"""Provider webhooks: a secret or nothing is mounted, refused credentials a plain 401, malformed
bodies a 400, events about nobody ignored; each a single warning line, never an ERROR."""

from __future__ import annotations

import base64
import importlib
import logging

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import RequestFactory
from django.urls import clear_url_caches

from kindness_site.security.webhooks import WebhookErrorMiddleware, check_webhook_secret
from newsletter.models import DeliveryEvent, Subscriber, SubscriberStatus

# Only process_exception is exercised here: the view is never called.
middleware = WebhookErrorMiddleware(lambda request: None)  # type: ignore[arg-type,return-value]
POSTMARK = "/newsletter/anymail/postmark/tracking/"


def basic_auth(secret: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(secret.encode()).decode()}


def reload_urls() -> None:
    import kindness_site.urls
    import newsletter.urls

    importlib.reload(newsletter.urls)
    importlib.reload(kindness_site.urls)
    clear_url_caches()


@pytest.fixture
def no_secret(settings):
    """The settings of an operator who configured a provider but forgot the webhook secret."""
    settings.ANYMAIL = {}
    settings.NEWSLETTER_WEBHOOK_PROVIDERS = ["postmark"]
    reload_urls()
    yield
    settings.ANYMAIL = {"WEBHOOK_SECRET": "hook-user:hook-password"}
    reload_urls()


def test_without_a_secret_no_webhook_is_mounted_and_forged_events_change_nothing(
    client, no_secret, db
):
    subscriber = Subscriber.objects.create(
        email="victim@example.org", status=SubscriberStatus.CONFIRMED
    )
    forged = {"RecordType": "Bounce", "Type": "HardBounce", "Email": subscriber.email, "ID": 1}
    response = client.post(POSTMARK, forged, content_type="application/json")
    assert response.status_code in (302, 404)  # LocaleMiddleware's /en/ redirect, then nothing
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED
    assert not DeliveryEvent.objects.exists()


def test_the_deploy_check_fails_without_a_secret(no_secret):
    [error] = check_webhook_secret()
    assert error.id == "security.E101" and error.is_serious()
    with pytest.raises(SystemCheckError, match="ANYMAIL_WEBHOOK_SECRET"):
        call_command("check", "--deploy", "--fail-level", "ERROR", tags=["security"])


def test_the_deploy_check_is_quiet_with_a_secret_or_without_providers(settings):
    assert check_webhook_secret() == []
    settings.ANYMAIL = {}
    settings.NEWSLETTER_WEBHOOK_PROVIDERS = []
    assert check_webhook_secret() == []


def test_wrong_credentials_are_a_plain_401_and_one_warning_line(client, db, caplog):
    caplog.set_level(logging.INFO)
    response = client.post(
        POSTMARK, "{}", content_type="application/json", headers=basic_auth("who:guess")
    )
    assert response.status_code == 401
    assert response["Content-Type"].startswith("text/plain")
    assert response["WWW-Authenticate"].startswith("Basic")
    assert b"<" not in response.content
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings and all(r.exc_info is None and "\n" not in r.getMessage() for r in warnings)


@pytest.mark.parametrize("content_type", ["application/json", "application/x-www-form-urlencoded"])
def test_events_without_message_id_or_recipient_are_not_stored(client, settings, db, content_type):
    """The body the fuzz test found: an authorised ``{"a": 1}`` used to write a DeliveryEvent."""
    response = client.post(
        POSTMARK,
        '{"a": 1}',
        content_type=content_type,
        headers=basic_auth(settings.ANYMAIL["WEBHOOK_SECRET"]),
    )
    assert response.status_code == 200
    assert not DeliveryEvent.objects.exists()


@pytest.mark.parametrize("error", [ValueError("x"), TypeError("x"), KeyError("x")])
def test_parse_errors_under_the_webhook_prefix_are_a_400(rf: RequestFactory, error):
    response = middleware.process_exception(
        rf.post("/newsletter/anymail/postmark/tracking/"), error
    )
    assert response is not None
    assert response.status_code == 400


def test_other_errors_and_other_paths_still_surface(rf: RequestFactory):
    webhook = rf.post("/newsletter/anymail/postmark/tracking/")
    assert middleware.process_exception(webhook, RuntimeError("bug")) is None
    assert middleware.process_exception(rf.post("/en/"), ValueError("bug")) is None


def test_authorised_garbage_reaches_the_middleware_and_gets_400(client, settings, db):
    auth = basic_auth(settings.ANYMAIL["WEBHOOK_SECRET"])
    response = client.post(
        "/newsletter/anymail/postmark/tracking/",
        "42",
        content_type="application/json",
        headers=auth,
    )
    assert response.status_code == 400
