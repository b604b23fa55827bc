"""Provider events through Anymail's Postmark tracking webhook: record, dedupe, suppress, pause."""

from __future__ import annotations

import base64
import json

import pytest

from newsletter.models import (
    Delivery,
    DeliveryEvent,
    Send,
    SendStatus,
    Subscriber,
    SubscriberStatus,
    Suppression,
)
from newsletter.normalise import email_digest

URL = "/newsletter/anymail/postmark/tracking/"
AUTH = "Basic " + base64.b64encode(b"hook-user:hook-password").decode()


@pytest.fixture
def sent(issue):
    """A running send with 10 sent deliveries, message ids m0..m9."""
    send = Send.objects.create(issue=issue["en"], languages=["en"], status=SendStatus.RUNNING)
    for i in range(10):
        subscriber = Subscriber.objects.create(
            email=f"r{i}@example.org", language="en", status="confirmed"
        )
        Delivery.objects.create(
            send=send,
            issue=issue["en"],
            subscriber=subscriber,
            email=subscriber.email,
            language="en",
            status="sent",
            message_id=f"m{i}",
        )
    return send


def post(client, payload: dict, auth: str = AUTH):
    return client.post(
        URL, json.dumps(payload), content_type="application/json", HTTP_AUTHORIZATION=auth
    )


def bounce(i: int, kind: str = "HardBounce", event_id: int = 1) -> dict:
    return {
        "RecordType": "Bounce",
        "ID": event_id,
        "Type": kind,
        "MessageID": f"m{i}",
        "Email": f"r{i}@example.org",
        "BouncedAt": "2026-11-29T03:00:00Z",
        "Description": "bounce",
    }


def test_webhook_requires_the_basic_auth_secret(client, sent):
    response = post(client, bounce(0), auth="Basic " + base64.b64encode(b"x:y").decode())
    assert response.status_code in (400, 401, 403)
    assert not DeliveryEvent.objects.exists()


def test_delivery_open_click_are_recorded(client, sent):
    delivered = {
        "RecordType": "Delivery",
        "MessageID": "m1",
        "Recipient": "r1@example.org",
        "DeliveredAt": "2026-11-29T03:00:00Z",
    }
    assert post(client, delivered).status_code == 200
    opened = {
        "RecordType": "Open",
        "MessageID": "m1",
        "Recipient": "r1@example.org",
        "ReceivedAt": "2026-11-29T03:01:00Z",
    }
    assert post(client, opened).status_code == 200
    click = {
        "RecordType": "Click",
        "MessageID": "m1",
        "Recipient": "r1@example.org",
        "ReceivedAt": "2026-11-29T03:02:00Z",
        "OriginalLink": "https://example.org",
    }
    assert post(client, click).status_code == 200
    delivery = Delivery.objects.get(message_id="m1")
    assert delivery.delivered and delivery.opened and delivery.clicked
    assert DeliveryEvent.objects.filter(delivery=delivery).count() == 3


def test_duplicate_events_are_recorded_once(client, sent):
    assert post(client, bounce(2, event_id=77)).status_code == 200
    assert post(client, bounce(2, event_id=77)).status_code == 200
    assert DeliveryEvent.objects.filter(event_id="77").count() == 1


def test_hard_bounce_suppresses_at_once(client, sent):
    post(client, bounce(3))
    subscriber = Subscriber.objects.get(email="r3@example.org")
    assert subscriber.status == SubscriberStatus.SUPPRESSED
    assert Suppression.objects.filter(digest=email_digest("r3@example.org")).exists()
    assert Delivery.objects.get(message_id="m3").bounced
    assert subscriber.consent_events.filter(action="suppress").exists()


def test_soft_bounces_suppress_after_the_limit(client, sent, settings):
    settings.NEWSLETTER_SOFT_BOUNCE_LIMIT = 3
    for n in range(2):
        post(client, bounce(4, kind="SoftBounce", event_id=100 + n))
    assert Subscriber.objects.get(email="r4@example.org").status == "confirmed"
    post(client, bounce(4, kind="SoftBounce", event_id=102))
    assert Subscriber.objects.get(email="r4@example.org").status == SubscriberStatus.SUPPRESSED


def test_complaint_suppresses_and_pauses_the_send(client, sent):
    complaint = {
        "RecordType": "SpamComplaint",
        "ID": 9,
        "Type": "SpamComplaint",
        "MessageID": "m5",
        "Email": "r5@example.org",
        "BouncedAt": "2026-11-29T03:00:00Z",
    }
    assert post(client, complaint).status_code == 200
    assert Subscriber.objects.get(email="r5@example.org").status == SubscriberStatus.SUPPRESSED
    sent.refresh_from_db()
    assert sent.status == SendStatus.PAUSED  # 1 of 10 is far above 0.1 %
    assert "Complaints" in sent.pause_reason


def test_complaint_rate_under_threshold_keeps_sending(sent, settings):
    from newsletter.webhooks import check_complaint_rate

    settings.NEWSLETTER_COMPLAINT_PAUSE_RATIO = 0.5
    Delivery.objects.filter(message_id="m0").update(complained=True)
    assert check_complaint_rate(sent.pk) is False
    sent.refresh_from_db()
    assert sent.status == SendStatus.RUNNING


def test_suppressed_address_cannot_sign_up_again(client, sent, signup):
    post(client, bounce(6))
    Subscriber.objects.filter(email="r6@example.org").delete()
    signup("R6@example.org")
    assert not Subscriber.objects.filter(email="r6@example.org").exists()
