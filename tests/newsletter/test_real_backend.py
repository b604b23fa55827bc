"""The real Anymail Postmark backend against a local stand-in of Postmark's API."""

from __future__ import annotations

import json

from newsletter.models import Delivery, DeliveryStatus, Send, SendStatus, Subscriber

from .standin import StandIn


def test_postmark_backend_sends_one_click_headers_and_body(issue, run_send, settings):
    subscriber = Subscriber.objects.create(
        email="reader@example.org", language="it", status="confirmed"
    )
    with StandIn() as server:
        server.script = [503]  # the first call fails: retried, then accepted
        settings.MAILERS = {
            "default": {
                "BACKEND": "anymail.backends.postmark.EmailBackend",
                "OPTIONS": {"server_token": "test-server-token", "api_url": server.url},
            }
        }
        settings.NEWSLETTER_FROM_EMAIL = "Kindness <news@example.org>"
        settings.NEWSLETTER_LIST_ID = "news.example.org"
        import newsletter.sending as sending

        original = sending.backoff_seconds
        sending.backoff_seconds = lambda attempt: 0.0
        try:
            send = run_send(Send.objects.create(issue=issue["en"], languages=["it"]))
        finally:
            sending.backoff_seconds = original

    assert send.status == SendStatus.DONE
    assert len(server.requests) == 2
    request = server.requests[-1]
    assert request["path"] == "/email"
    assert request["headers"]["X-Postmark-Server-Token"] == "test-server-token"
    assert request["headers"]["Content-Type"] == "application/json"
    body = json.loads(request["body"])
    unsubscribe = f"http://127.0.0.1:8000/newsletter/u/{subscriber.token}/"
    assert body["From"] == "Kindness <news@example.org>"
    assert body["To"] == "reader@example.org"
    assert body["Subject"] == "Storie di novembre"
    assert body["Headers"] == [
        {"Name": "List-Unsubscribe", "Value": f"<{unsubscribe}>"},
        {"Name": "List-Unsubscribe-Post", "Value": "List-Unsubscribe=One-Click"},
        {"Name": "List-Id", "Value": f"{settings.WAGTAIL_SITE_NAME} <news.example.org>"},
    ]
    assert unsubscribe in body["TextBody"] and unsubscribe in body["HtmlBody"]
    assert "/it/newsletter/preferences/" in body["TextBody"]
    assert set(body) >= {"From", "To", "Subject", "Headers", "TextBody", "HtmlBody"}

    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.SENT
    assert delivery.attempts == 2
    assert delivery.message_id  # the stand-in's MessageID, recorded after the call
    answered = [r for r in server.requests if r is request]
    assert answered
