"""The real Anymail Postmark backend against a local stand-in of Postmark's API.

The sender makes its calls side by side from a thread pool (one backend, so one kept-alive
session, per thread); these tests run that real path over HTTP: exact headers and body per
recipient, retries of 503/429, and a client timeout that must end as ``unknown``, never resent.
"""

from __future__ import annotations

import json
import time

import pytest

from newsletter import sending
from newsletter.models import Delivery, DeliveryStatus, Send, SendStatus, Subscriber

from .standin import StandIn


@pytest.fixture
def standin(settings, monkeypatch):
    """The stand-in, with the Postmark backend pointed at it and no waiting between retries."""
    monkeypatch.setattr(sending, "backoff_seconds", lambda attempt: 0.0)
    settings.NEWSLETTER_FROM_EMAIL = "Kindness <news@example.org>"
    settings.NEWSLETTER_LIST_ID = "news.example.org"
    settings.NEWSLETTER_CONCURRENCY = 4
    with StandIn() as server:
        settings.MAILERS = {
            "default": {
                "BACKEND": "anymail.backends.postmark.EmailBackend",
                "OPTIONS": {"server_token": "test-server-token", "api_url": server.url},
            }
        }
        yield server


def test_postmark_backend_sends_one_click_headers_and_body(issue, run_send, settings, standin):
    subscriber = Subscriber.objects.create(
        email="reader@example.org", language="it", status="confirmed"
    )
    standin.script = [503]  # the first call fails: retried, then accepted
    send = run_send(Send.objects.create(issue=issue["en"], languages=["it"]))

    assert send.status == SendStatus.DONE
    assert len(standin.requests) == 2
    request = standin.requests[-1]
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
    assert delivery.message_id.startswith("standin-")  # the provider's id, recorded after


def test_concurrent_calls_each_carry_their_own_recipients_links(issue, run_send, standin):
    """Six recipients through four threads, two calls refused (503, 429) and retried: each
    recipient is accepted exactly once, with their own unsubscribe link, and each ledger row
    holds the message id the provider gave that recipient."""
    people = [
        Subscriber.objects.create(email=f"r{i}@example.org", language="en", status="confirmed")
        for i in range(6)
    ]
    standin.script = [503, 429]
    send = run_send(Send.objects.create(issue=issue["en"], languages=["en"]))

    assert send.status == SendStatus.DONE
    assert len(standin.requests) == 8
    assert dict(standin.counts) == {p.email: 1 for p in people}
    for request in standin.requests:
        body = json.loads(request["body"])
        person = next(p for p in people if p.email == body["To"])
        assert f"/newsletter/u/{person.token}/>" in body["Headers"][0]["Value"]
        assert f"/newsletter/u/{person.token}/" in body["HtmlBody"]
    assert sorted(Delivery.objects.values_list("attempts", flat=True)) == [1, 1, 1, 1, 2, 2]
    ids = list(Delivery.objects.values_list("message_id", flat=True))
    assert len(set(ids)) == 6 and all(i.startswith("standin-") for i in ids)


def test_a_timeout_is_unknown_and_never_sent_again(issue, run_send, settings, standin):
    """The provider got the message but answered too late: we cannot know, so the delivery is
    reported unknown and no second request is ever made for it."""
    settings.MAILERS["default"]["OPTIONS"]["timeout"] = 0.3
    Subscriber.objects.create(email="slow@example.org", language="en", status="confirmed")
    Subscriber.objects.create(email="quick@example.org", language="en", status="confirmed")
    settings.NEWSLETTER_CONCURRENCY = 1  # the slow answer goes to the first recipient
    standin.script = [(200, 1.0)]
    send = run_send(Send.objects.create(issue=issue["en"], languages=["en"]))

    statuses = dict(Delivery.objects.values_list("email", "status"))
    assert statuses == {"slow@example.org": "unknown", "quick@example.org": "sent"}
    assert "Timed out" in Delivery.objects.get(email="slow@example.org").last_error
    assert send.status == SendStatus.DONE
    sending.process_send_slice(send.pk)
    give_up = time.monotonic() + 5
    while not standin.counts["slow@example.org"] and time.monotonic() < give_up:
        time.sleep(0.05)  # the stand-in is still "processing" the slow one
    assert len(standin.requests) == 2  # one each: the unknown one was not retried
    assert standin.counts["slow@example.org"] == 1  # it did arrive: "unknown" was honest
