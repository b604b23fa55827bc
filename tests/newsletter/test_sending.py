"""Sends: frozen audience, leases, crash recovery (unknown, never resent), retries, controls."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone

from newsletter import emails, sending
from newsletter.models import Delivery, DeliveryStatus, Send, SendStatus, Subscriber

from .backends import ScriptedBackend

SCRIPTED = {"default": {"BACKEND": "tests.newsletter.backends.ScriptedBackend"}}


def make_subscribers(n: int, language: str = "en", status: str = "confirmed", start: int = 0):
    return Subscriber.objects.bulk_create(
        Subscriber(email=f"p{i}@example.org", language=language, status=status)
        for i in range(start, start + n)
    )


@pytest.fixture
def scripted(settings):
    settings.MAILERS = SCRIPTED
    ScriptedBackend.script = []
    ScriptedBackend.calls = 0
    mail.outbox = []
    return ScriptedBackend


def test_audience_is_frozen_by_language_topic_and_status(issue, areas, run_send, scripted):
    make_subscribers(3, "en")
    make_subscribers(2, "it", start=10)
    make_subscribers(2, "en", status="pending", start=20)
    make_subscribers(1, "en", status="paused", start=30)
    health = Subscriber.objects.get(email="p0@example.org")
    health.topics.add(areas["en"]["health"])
    send = Send.objects.create(issue=issue["en"], languages=["en"])
    send.topics.add(areas["it"]["health"])  # matched by translation key, whatever the language
    sending.start_send(send.pk)
    assert list(Delivery.objects.values_list("email", flat=True)) == ["p0@example.org"]


def test_send_reaches_each_confirmed_subscriber_once_in_their_language(issue, run_send, scripted):
    make_subscribers(4, "en")
    make_subscribers(3, "it", start=10)
    send = Send.objects.create(issue=issue["en"], languages=["en", "it"])
    with mock.patch.object(sending, "render_issue", wraps=emails.render_issue) as render:
        send = run_send(send)
    assert render.call_count == 2  # once per language, not per subscriber
    assert send.status == SendStatus.DONE
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        Subscriber.objects.values_list("email", flat=True)
    )
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects["p0@example.org"] == "November stories"
    assert subjects["p10@example.org"] == "Storie di novembre"
    assert Delivery.objects.filter(status="sent").exclude(message_id="").count() == 7
    # Each message carries its own recipient's links.
    for message in mail.outbox:
        token = Subscriber.objects.get(email=message.to[0]).token
        assert message.extra_headers["List-Unsubscribe"].endswith(f"/newsletter/u/{token}/>")
    # A second send of the same issue (even from the Italian page) mails nobody again.
    mail.outbox = []
    again = run_send(Send.objects.create(issue=issue["it"], languages=["en", "it"]))
    assert again.status == SendStatus.DONE
    assert mail.outbox == []


def test_claims_never_overlap(issue, scripted):
    make_subscribers(10)
    send = Send.objects.create(issue=issue["en"], languages=["en"])
    sending.start_send(send.pk)
    first = sending.claim_batch(send.pk, "worker-a", 6)
    second = sending.claim_batch(send.pk, "worker-b", 6)
    assert len(first) == 6 and len(second) == 4
    assert not {d.pk for d in first} & {d.pk for d in second}
    assert sending.claim_batch(send.pk, "worker-c", 6) == []


def test_crash_mid_send_marks_unknown_and_never_resends(issue, run_send, scripted, settings):
    """A worker claims 3 deliveries and dies during the first provider call."""
    make_subscribers(8)
    send = Send.objects.create(issue=issue["en"], languages=["en"])
    sending.start_send(send.pk)
    Send.objects.filter(pk=send.pk).update(status=SendStatus.RUNNING)
    claimed = sending.claim_batch(send.pk, "dead-worker", 3)
    # The worker starts the provider call for the first one ... and then SIGKILL.
    in_flight = claimed[0].pk
    Delivery.objects.filter(pk=in_flight).update(status=DeliveryStatus.SENDING)

    # Another worker runs before the lease expires: it sends the 5 unclaimed ones only.
    sending.process_send_slice(send.pk)
    assert len(mail.outbox) == 5
    assert Send.objects.get(pk=send.pk).status == SendStatus.RUNNING  # 3 still leased

    later = timezone.now() + timedelta(seconds=settings.NEWSLETTER_LEASE_SECONDS + 1)
    assert sending.recover_expired_leases(send.pk, now=later) == 1
    sending.process_send_slice(send.pk)
    # The 2 claimed-but-never-attempted are sent now; the in-flight one is never re-sent.
    assert len(mail.outbox) == 7
    assert len({m.to[0] for m in mail.outbox}) == 7
    unknown = list(Delivery.objects.filter(status=DeliveryStatus.UNKNOWN))
    assert [d.pk for d in unknown] == [in_flight]
    assert unknown[0].email not in {m.to[0] for m in mail.outbox}
    assert Send.objects.get(pk=send.pk).status == SendStatus.DONE
    assert sending.figures(send)["unknown"] == 1


def test_provider_5xx_and_429_are_retried_with_backoff(issue, run_send, scripted, monkeypatch):
    monkeypatch.setattr(sending, "backoff_seconds", lambda attempt: 0.0)
    make_subscribers(2)
    scripted.script = [503, 429]
    send = run_send(Send.objects.create(issue=issue["en"], languages=["en"]))
    assert send.status == SendStatus.DONE
    assert len(mail.outbox) == 2
    assert scripted.calls == 4
    assert sorted(Delivery.objects.values_list("attempts", flat=True)) == [2, 2]


def test_backoff_grows():
    assert sending.backoff_seconds(1) < sending.backoff_seconds(4) <= 300 * 1.2


def test_retries_stop_after_max_attempts(issue, run_send, scripted, monkeypatch, settings):
    monkeypatch.setattr(sending, "backoff_seconds", lambda attempt: 0.0)
    settings.NEWSLETTER_MAX_ATTEMPTS = 2
    make_subscribers(1)
    scripted.script = [500, 500, 500]
    run_send(Send.objects.create(issue=issue["en"], languages=["en"]))
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED and delivery.attempts == 2
    assert "500" in delivery.last_error


def test_client_errors_are_not_retried(issue, run_send, scripted):
    make_subscribers(1)
    scripted.script = [422]
    run_send(Send.objects.create(issue=issue["en"], languages=["en"]))
    assert scripted.calls == 1
    assert Delivery.objects.get().status == DeliveryStatus.FAILED


def test_unsubscribed_after_freeze_is_skipped(issue, scripted):
    make_subscribers(2)
    send = Send.objects.create(issue=issue["en"], languages=["en"])
    sending.start_send(send.pk)
    Subscriber.objects.filter(email="p0@example.org").update(status="unsubscribed")
    sending.process_send_slice(send.pk)
    assert [m.to[0] for m in mail.outbox] == ["p1@example.org"]
    assert Delivery.objects.get(email="p0@example.org").status == DeliveryStatus.SKIPPED


def test_pause_resume_cancel(issue, scripted, django_capture_on_commit_callbacks):
    make_subscribers(3)
    send = Send.objects.create(issue=issue["en"], languages=["en"])
    sending.start_send(send.pk)
    sending.pause(send)
    sending.process_send_slice(send.pk)
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        sending.resume(send)
    assert len(mail.outbox) == 3
    assert Send.objects.get(pk=send.pk).status == SendStatus.DONE

    other = Send.objects.create(issue=issue["en"], languages=["en"])
    make_subscribers(2, start=50)
    sending.start_send(other.pk)
    sending.cancel(other)
    sending.process_send_slice(other.pk)
    assert len(mail.outbox) == 3
    assert set(other.deliveries.values_list("status", flat=True)) == {DeliveryStatus.CANCELLED}


def test_missing_translation_stops_the_send_before_anything_is_frozen(archive, scripted):
    from newsletter.models import NewsletterIssuePage
    from tests.conftest import publish_child

    only_en = publish_child(
        archive["en"], NewsletterIssuePage(title="EN only", slug="en-only", body=[])
    )
    make_subscribers(1, "it")
    send = Send.objects.create(issue=only_en, languages=["it"])
    with pytest.raises(sending.SendError):
        sending.start_send(send.pk)
    assert not Delivery.objects.exists()


def test_shared_rate_limit_waits(monkeypatch):
    from newsletter import ratelimit

    sleeps: list[float] = []
    monkeypatch.setattr(ratelimit.time, "sleep", lambda s: sleeps.append(s) or clock.append(1))
    clock = [1000.0]
    monkeypatch.setattr(ratelimit.time, "time", lambda: 1000.0 + len(clock) - 1 + 0.5)
    for _ in range(3):
        ratelimit.wait_for_send_slot(2)
    assert len(sleeps) == 1  # the third call waited for the next second
