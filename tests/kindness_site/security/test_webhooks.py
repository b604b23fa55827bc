"""Malformed webhook bodies: a 400 under the webhook prefixes, untouched elsewhere."""

from __future__ import annotations

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from kindness_site.security.webhooks import WebhookMalformedBodyMiddleware

middleware = WebhookMalformedBodyMiddleware(lambda request: HttpResponse())


@pytest.mark.parametrize("error", [ValueError("x"), TypeError("x"), KeyError("x")])
def test_parse_errors_under_the_webhook_prefix_are_a_400(rf: RequestFactory, error):
    response = middleware.process_exception(
        rf.post("/newsletter/anymail/postmark/tracking/"), error
    )
    assert response is not None and response.status_code == 400


def test_other_errors_and_other_paths_still_surface(rf: RequestFactory):
    webhook = rf.post("/newsletter/anymail/postmark/tracking/")
    assert middleware.process_exception(webhook, RuntimeError("bug")) is None
    assert middleware.process_exception(rf.post("/en/"), ValueError("bug")) is None


def test_authorised_garbage_reaches_the_middleware_and_gets_400(client, settings, db):
    secret = settings.ANYMAIL["WEBHOOK_SECRET"]
    import base64

    auth = {"Authorization": "Basic " + base64.b64encode(secret.encode()).decode()}
    response = client.post(
        "/newsletter/anymail/postmark/tracking/",
        "42",
        content_type="application/json",
        headers=auth,
    )
    assert response.status_code == 400
