"""Sends: frozen audience, leases, crash recovery (unknown, never resent), retries, controls."""

from __future__ import annotations

import io
from datetime import timedelta
from unittest import mock

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsletter import emails, sending
from newsletter.links import LinkFactory
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
    from kindness_site.security import ratelimit

    sleeps: list[float] = []
    clock = [1000.0]

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        clock.append(1)

    monkeypatch.setattr("kindness_site.security.ratelimit.time.sleep", sleep)
    monkeypatch.setattr(
        "kindness_site.security.ratelimit.time.time", lambda: 1000.0 + len(clock) - 1 + 0.5
    )
    for _ in range(3):
        ratelimit.wait_for_send_slots(1, 2)
    assert len(sleeps) == 1  # the third call waited for the next second


# --- sub-batches, concurrency and the failure paths of the fast sender -----------------------
def claimed(send, owner: str = "worker-a", size: int = 100):
    """Freeze the audience and claim it for ``owner`` like a worker would."""
    sending.start_send(send.pk)
    return sending.claim_batch(send.pk, owner, size)


def run_batch(deliveries, send, owner: str = "worker-a") -> sending.SliceReport:
    """One worker's ``send_batch`` over ``deliveries`` with the real renderer and a small pool."""
    report = sending.SliceReport()
    rendered = sending.render_for_send(send)
    links = {language: LinkFactory(language) for language in rendered}
    with sending.ProviderPool(settings.NEWSLETTER_CONCURRENCY) as pool:
        sending.send_batch(deliveries, rendered, links, pool, owner, report)
    return report


def test_concurrent_calls_record_each_message_id_on_its_own_row(
    issue, run_send, scripted, settings
):
    settings.NEWSLETTER_SUB_BATCH_SIZE = 3
    settings.NEWSLETTER_CONCURRENCY = 4
    make_subscribers(10)
    send = run_send(Send.objects.create(issue=issue["en"], languages=["en"]))
    assert send.status == SendStatus.DONE
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        Subscriber.objects.values_list("email", flat=True)
    )
    ids = dict(Delivery.objects.values_list("email", "message_id"))
    sent_ids = {m.to[0]: m.anymail_status.message_id for m in mail.outbox}  # type: ignore[union-attr]  # set by Anymail
    assert sent_ids == ids
    assert len(set(ids.values())) == 10


def test_one_sub_batch_costs_the_same_queries_whatever_its_size(issue, scripted, settings):
    """Two UPDATEs and one SELECT per sub-batch, not two commits per message."""
    settings.NEWSLETTER_SUB_BATCH_SIZE = 50
    counts = []
    for n, start in ((5, 0), (40, 100)):
        make_subscribers(n, start=start)
        send = Send.objects.create(issue=issue["en"], languages=["en"])
        batch = claimed(send, size=n + 10)
        assert len(batch) == n
        rendered = sending.render_for_send(send)
        links = {"en": LinkFactory("en")}
        with sending.ProviderPool(4) as pool, CaptureQueriesContext(connection) as queries:
            sending.send_batch(batch, rendered, links, pool, "worker-a", sending.SliceReport())
        counts.append(len(queries))
        assert Delivery.objects.filter(send=send, status="sent").count() == n
    assert counts[0] == counts[1] <= 3


def test_worker_killed_mid_sub_batch_leaves_only_that_sub_batch_unknown(issue, scripted, settings):
    """The whole sub-batch is marked ``sending`` in one UPDATE; the worker dies during its calls.

    Those rows become unknown and are never resent; the rest of its claim goes back to the queue
    and is sent once by the next worker.
    """
    make_subscribers(8)
    send = Send.objects.create(issue=issue["en"], languages=["en"])
    batch = claimed(send, "dead-worker", 5)
    in_flight = {d.pk for d in batch[:3]}
    assert sending.start_sending(sorted(in_flight), "dead-worker") == in_flight
    # ... SIGKILL: nothing recorded. A second worker sends the 3 rows nobody claimed.
    sending.process_send_slice(send.pk)
    assert len(mail.outbox) == 3

    later = timezone.now() + timedelta(seconds=settings.NEWSLETTER_LEASE_SECONDS + 1)
    assert sending.recover_expired_leases(send.pk, now=later) == 3
    sending.process_send_slice(send.pk)
    assert len(mail.outbox) == 5  # the 2 claimed-but-never-started rows, once
    received = [m.to[0] for m in mail.outbox]
    assert len(set(received)) == 5
    unknown = Delivery.objects.filter(status=DeliveryStatus.UNKNOWN)
    assert set(unknown.values_list("pk", flat=True)) == in_flight
    assert not set(unknown.values_list("email", flat=True)) & set(received)
    assert Send.objects.get(pk=send.pk).status == SendStatus.DONE


def test_a_worker_that_lost_its_lease_sends_nothing_the_new_owner_sends_once(
    issue, scripted, settings
):
    """Concurrent workers never double-send: a slow worker whose claim expired and was taken
    over finds its rows gone at the point of no return and leaves them to the new owner."""
    make_subscribers(4)
    send = Send.objects.create(issue=issue["en"], languages=["en"])
    slow = claimed(send, "slow-worker")
    later = timezone.now() + timedelta(seconds=settings.NEWSLETTER_LEASE_SECONDS + 1)
    assert sending.recover_expired_leases(send.pk, now=later) == 0  # claimed, not in flight
    assert Delivery.objects.filter(status=DeliveryStatus.QUEUED).count() == 4
    fresh = sending.claim_batch(send.pk, "fresh-worker", 100)
    assert {d.pk for d in fresh} == {d.pk for d in slow}

    report = run_batch(slow, send, "slow-worker")
    assert report.sent == 0 and mail.outbox == []
    report = run_batch(fresh, send, "fresh-worker")
    assert report.sent == 4
    assert sorted(m.to[0] for m in mail.outbox) == [f"p{i}@example.org" for i in range(4)]


def test_errors_before_the_call_fail_and_unexpected_errors_are_unknown(issue, scripted, settings):
    """Anymail refusing a message before any request: it was not sent (failed). Anything else
    unexpected: it may have left, so unknown, never resent; the other rows are still recorded."""
    from anymail.exceptions import AnymailInvalidAddress

    settings.NEWSLETTER_CONCURRENCY = 1  # the scripted answers go to p0, p1, p2 in order
    make_subscribers(3)
    scripted.script = [AnymailInvalidAddress("bad address"), RuntimeError("socket exploded")]
    send = Send.objects.create(issue=issue["en"], languages=["en"])
    report = run_batch(claimed(send), send)
    statuses = dict(Delivery.objects.values_list("email", "status"))
    assert statuses == {
        "p0@example.org": DeliveryStatus.FAILED,
        "p1@example.org": DeliveryStatus.UNKNOWN,
        "p2@example.org": DeliveryStatus.SENT,
    }
    assert (report.failed, report.unknown, report.sent) == (1, 1, 1)
    assert "socket exploded" in Delivery.objects.get(email="p1@example.org").last_error
    sending.process_send_slice(send.pk)
    assert scripted.calls == 3  # nothing was tried again


def test_rate_slots_are_taken_for_a_whole_sub_batch_and_spill_into_the_next_second(
    monkeypatch, settings
):
    from kindness_site.security import ratelimit

    clock = [1000.25]
    sleeps: list[float] = []

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        clock[0] += seconds

    monkeypatch.setattr("kindness_site.security.ratelimit.time.time", lambda: clock[0])
    monkeypatch.setattr("kindness_site.security.ratelimit.time.sleep", sleep)
    ratelimit.wait_for_send_slots(3, 4)  # 3 of this second's 4
    assert sleeps == []
    ratelimit.wait_for_send_slots(3, 4)  # 1 now, 2 in the next second
    assert sleeps == [pytest.approx(0.75)]
    ratelimit.wait_for_send_slots(2, 4)  # the last 2 of second 1001
    assert len(sleeps) == 1
    # A sub-batch never holds more rows than the rate allows in one second.
    settings.NEWSLETTER_SUB_BATCH_SIZE, settings.NEWSLETTER_RATE_PER_SECOND = 25, 10
    assert sending.sub_batch_size() == 10
    settings.NEWSLETTER_RATE_PER_SECOND = 0
    assert sending.sub_batch_size() == 25


def test_run_due_relaunches_a_running_send_only_when_its_chains_are_lost(
    issue, scripted, monkeypatch
):
    """With django-tasks-db a live chain always has a queued slice; the cron job must not add a
    chain every minute, only replace lost ones.

    The suite's tasks are bound to the immediate backend when they are defined, so the queue is
    django-tasks-db's table filled by hand and the backend is swapped in for the look-up only.
    """
    from django.core.management import call_command
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    from newsletter.tasks import process_send_task

    monkeypatch.setattr(sending, "slice_backend", lambda: DatabaseBackend("default", {}))
    launched: list[int] = []
    monkeypatch.setattr(sending, "launch", lambda send_id, chains=None: launched.append(send_id))
    make_subscribers(2)
    send = Send.objects.create(issue=issue["en"], languages=["en"])
    sending.start_send(send.pk)
    for _ in range(2):  # two chains, each with its next slice queued
        DBTaskResult.objects.create(
            args_kwargs={"args": [send.pk], "kwargs": {}},
            task_path=process_send_task.module_path,
            queue_name="default",
            backend_name="default",
            run_after=timezone.now() + timedelta(seconds=30),
        )
    assert sending.waiting_slices(send.pk) == 2
    assert sending.waiting_slices(send.pk + 1) == 0
    out = io.StringIO()
    call_command("newsletter_run_due", stdout=out)
    assert launched == [] and "relaunched 0" in out.getvalue()
    DBTaskResult.objects.all().delete()  # every chain lost
    call_command("newsletter_run_due", stdout=out)
    assert launched == [send.pk] and "relaunched 1" in out.getvalue()


@pytest.mark.django_db
def test_the_worker_takes_mail_before_a_backlog_of_background_work():
    """A send's slices and a confirmation email go before the hundreds of index, rendition and
    citation tasks that an import or a demo load queues first: the worker (django-tasks-db) takes
    the ready task of highest priority, so the mail waits for one task at most, not the backlog.

    The suite's tasks are bound to the immediate backend, so the queue is django-tasks-db's
    table filled by hand with each task's own priority, as its backend would fill it."""
    from django_tasks_db.models import DBTaskResult

    from kindness_site.images import generate_page_renditions, generate_renditions
    from newsletter.tasks import process_send_task, send_signup_email, start_send_task
    from research.tasks import store_citations

    def queue(task) -> str:
        row = DBTaskResult.objects.create(
            args_kwargs={"args": [], "kwargs": {}},
            task_path=task.module_path,
            priority=task.priority,
            queue_name="default",
            backend_name="default",
        )
        return str(row.id)

    for _ in range(3):  # the backlog, queued first
        for background in (generate_renditions, generate_page_renditions, store_citations):
            queue(background)
    mail = {queue(task) for task in (start_send_task, process_send_task, send_signup_email)}

    taken = {str(row.id) for row in DBTaskResult.objects.ready()[:3]}
    assert taken == mail
