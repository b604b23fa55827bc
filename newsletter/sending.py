"""Sending an issue: freeze the audience, then claim, send and record deliveries in sub-batches.

Guarantee: nobody receives two copies of an issue. The Delivery ledger (unique per issue and
subscriber) is the source of truth. A worker claims a batch of rows with a lease (``claimed``),
then works through it in sub-batches (NEWSLETTER_SUB_BATCH_SIZE): the rows of one sub-batch become
``sending`` in ONE UPDATE right *before* their provider calls, the calls run side by side on a
small thread pool (NEWSLETTER_CONCURRENCY, one kept-alive connection per thread), and every
accepted message becomes ``sent`` with its own provider message id in ONE UPDATE *after* them.
Claimed rows whose lease expires were never attempted and are queued again. If a worker dies
during the calls, its sub-batch stays ``sending`` until the lease expires and then becomes
``unknown``: reported, never re-sent automatically. At-most-once, honestly labelled (the same
stance as Ghost's email service); a crash costs at most one sub-batch of uncertainty.

Why sub-batches and threads: a provider call is mostly network wait and every autocommitted
UPDATE waits for a disk flush, so one call and two commits per message left a worker idle most
of the time (about 100 messages/s with two workers). Marking and recording a sub-batch at once
and overlapping its calls keeps the same states and the same guarantee at several hundred
messages per second (bench/newsletter_bench.py measures it with real workers).

Work is split into time-boxed slices run as tasks. With a deferrable task backend (django-tasks-db)
each slice first enqueues its successor to run when the slice's time is up, so a send keeps going
by itself after a worker is killed; with the immediate backend (dev, tests) one call runs the
whole send.
"""

from __future__ import annotations

import logging
import os
import random
import socket
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, cast

import requests
from anymail.exceptions import AnymailAPIError, AnymailError, AnymailRecipientsRefused
from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection, transaction
from django.db.models import Case, CharField, Count, F, Q, QuerySet, Value, When
from django.db.models.constants import OnConflict
from django.utils import timezone
from django_tasks.backends.base import BaseTaskBackend

from kindness_site.security.ratelimit import wait_for_send_slots

from .emails import RenderedIssue, issue_message, personalise, render_issue
from .links import LinkFactory
from .models import (
    Delivery,
    DeliveryStatus,
    NewsletterIssuePage,
    Send,
    SendStatus,
    Subscriber,
    SubscriberStatus,
)

logger = logging.getLogger(__name__)

# Lease owners are "<host>:<pid>:<random>:<slice>" and must fit Delivery.lease_owner (40
# characters): cloud host names alone can be longer, so the host part is cut.
WORKER_ID = f"{socket.gethostname()[:16]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class SendError(Exception):
    """A send cannot start (missing translation, wrong state); the message is for editors."""


# --- audience ------------------------------------------------------------------------------
def audience(send: Send) -> QuerySet[Subscriber]:
    """Confirmed subscribers in the send's languages and (if any) topics."""
    qs = Subscriber.objects.filter(status=SubscriberStatus.CONFIRMED, language__in=send.languages)
    keys = list(send.topics.values_list("translation_key", flat=True))
    if keys:
        qs = qs.filter(topics__translation_key__in=keys).distinct()
    return qs


def issue_translations(
    issue: NewsletterIssuePage, languages: list[str]
) -> dict[str, NewsletterIssuePage]:
    """The live issue page in each language; raises SendError when one is missing."""
    pages = (
        NewsletterIssuePage.objects.live()
        .filter(translation_key=issue.translation_key, locale__language_code__in=languages)
        .select_related("locale")
    )
    found = {page.locale.language_code: page for page in pages}
    missing = sorted(set(languages) - set(found))
    if missing:
        raise SendError(f"The issue is not published in: {', '.join(missing)}.")
    return found


def canonical_issue(issue: NewsletterIssuePage) -> NewsletterIssuePage:
    """One page stands for the issue in every language, so the ledger's uniqueness holds across
    translations (an Italian send after an English one cannot mail the same person twice)."""
    return (
        NewsletterIssuePage.objects.filter(translation_key=issue.translation_key)
        .order_by("pk")
        .first()
    ) or issue  # the issue itself is one of them


def freeze_audience(send: Send, issue: NewsletterIssuePage, now: datetime) -> int:
    """Copy the audience into the ledger in ONE ``INSERT ... SELECT``: the rows never travel to
    Python and back (model instances and bulk_create took about 9 s per 10,000 on two busy
    cores, longer than sending them; the database copies 100,000 in about 3 s). A subscriber who
    already has a row for this issue (another send of it) is left out by the unique constraint,
    as ``ignore_conflicts`` would.

    Every other column gets its model default, read from the field, so a new Delivery field
    with a default needs no change here.
    """
    source = (
        audience(send)
        .order_by("pk")
        .values(a_id=F("pk"), a_email=F("email"), a_token=F("token"), a_language=F("language"))
    )
    source_sql, source_params = source.query.sql_with_params()
    from_audience = {
        "subscriber": "a_id",
        "email": "a_email",
        "token": "a_token",
        "language": "a_language",
    }
    given = {"send": send.pk, "issue": issue.pk, "next_attempt_at": now}
    ops = connection.ops
    columns: list[str] = []
    values: list[str] = []
    params: list[Any] = []
    for model_field in Delivery._meta.concrete_fields:
        if model_field.primary_key:
            continue
        columns.append(ops.quote_name(cast(str, model_field.column)))  # concrete: has a column
        if model_field.name in from_audience:
            values.append(f"audience.{ops.quote_name(from_audience[model_field.name])}")
            continue
        value = given.get(model_field.name, model_field.get_default())
        values.append("%s")
        params.append(model_field.get_db_prep_save(value, connection))
    sql = (
        f"{ops.insert_statement(on_conflict=OnConflict.IGNORE)} "
        f"{ops.quote_name(Delivery._meta.db_table)} ({', '.join(columns)}) "
        f"SELECT {', '.join(values)} FROM ({source_sql}) audience "
        f"{ops.on_conflict_suffix_sql(None, OnConflict.IGNORE, None, None) or ''}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *source_params])
        return cursor.rowcount


def start_send(send_id: int, now: datetime | None = None) -> Send:
    """Freeze the audience into the ledger and start sending."""
    now = now or timezone.now()
    with transaction.atomic():
        send = Send.objects.select_for_update().select_related("issue").get(pk=send_id)
        if send.status not in (SendStatus.DRAFT, SendStatus.SCHEDULED):
            return send
        issue_translations(send.issue, send.languages)
        freeze_audience(send, canonical_issue(send.issue), now)
        send.status = SendStatus.RUNNING
        send.started_at = now
        send.save(update_fields=["status", "started_at"])
    transaction.on_commit(lambda: launch(send.pk))
    return send


def launch(send_id: int, chains: int | None = None) -> None:
    """Start ``chains`` parallel slice chains (one per worker process is a good number)."""
    from .tasks import process_send_task

    chains = chains or settings.NEWSLETTER_PARALLEL_CHAINS
    if not process_send_task.get_backend().supports_defer:
        chains = 1
    for _ in range(chains):
        process_send_task.enqueue(send_id)


def slice_backend() -> BaseTaskBackend:
    """The task backend that runs the send's slices."""
    from .tasks import process_send_task

    return process_send_task.get_backend()


def waiting_slices(send_id: int) -> int | None:
    """Slices of this send queued and not started yet, or None when the backend cannot say.

    Every live chain always has one (a slice queues its successor before it starts sending), so
    zero means every chain was lost (e.g. the worker died between two slices and the queued
    successor was deleted or failed). Only django-tasks-db keeps tasks where we can look.
    """
    from .tasks import process_send_task

    backend = slice_backend()
    if not backend.supports_defer or "django_tasks_db" not in type(backend).__module__:
        return None
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path=process_send_task.module_path, status="READY", args_kwargs__args__0=send_id
    ).count()


def schedule(send: Send) -> None:
    """Start at ``scheduled_at`` (needs a deferrable backend; otherwise run_due_sends does it)."""
    from .tasks import start_send_task

    if start_send_task.get_backend().supports_defer:
        start_send_task.using(run_after=send.scheduled_at).enqueue(send.pk)


def run_due_sends(now: datetime | None = None) -> int:
    """Start every scheduled send whose time has come (management command / cron fallback)."""
    now = now or timezone.now()
    due = Send.objects.filter(status=SendStatus.SCHEDULED, scheduled_at__lte=now)
    count = 0
    for send in due:
        start_send(send.pk, now)
        count += 1
    return count


# --- state changes by editors ------------------------------------------------------------
def pause(send: Send, reason: str = "") -> None:
    Send.objects.filter(pk=send.pk, status__in=[SendStatus.RUNNING, SendStatus.SCHEDULED]).update(
        status=SendStatus.PAUSED, pause_reason=reason[:200]
    )


def resume(send: Send) -> None:
    if Send.objects.filter(pk=send.pk, status=SendStatus.PAUSED).update(
        status=SendStatus.RUNNING, pause_reason=""
    ):
        transaction.on_commit(lambda: launch(send.pk))


def cancel(send: Send) -> None:
    with transaction.atomic():
        changed = Send.objects.filter(
            pk=send.pk,
            status__in=[
                SendStatus.RUNNING,
                SendStatus.PAUSED,
                SendStatus.SCHEDULED,
                SendStatus.DRAFT,
            ],
        ).update(status=SendStatus.CANCELLED, finished_at=timezone.now())
        if changed:
            Delivery.objects.filter(send=send, status=DeliveryStatus.QUEUED).update(
                status=DeliveryStatus.CANCELLED
            )


# --- the worker side ----------------------------------------------------------------------
def recover_expired_leases(send_id: int, now: datetime | None = None) -> int:
    """Rows left ``sending`` past their lease: the worker died; outcome unknown, never resent."""
    now = now or timezone.now()
    # Claimed but never handed to the provider: safe to queue again.
    Delivery.objects.filter(
        send_id=send_id, status=DeliveryStatus.CLAIMED, lease_until__lt=now
    ).update(status=DeliveryStatus.QUEUED, lease_owner="", lease_until=None)
    count = Delivery.objects.filter(
        send_id=send_id, status=DeliveryStatus.SENDING, lease_until__lt=now
    ).update(status=DeliveryStatus.UNKNOWN, last_error="Worker stopped during the provider call.")
    if count:
        logger.warning("newsletter: send %s: %s deliveries with unknown outcome", send_id, count)
    return count


def claim_batch(send_id: int, owner: str, size: int, now: datetime | None = None) -> list[Delivery]:
    """Claim up to ``size`` queued deliveries for ``owner`` with a lease.

    The UPDATE repeats ``status='queued'``, so two workers can never claim the same row; on
    PostgreSQL ``SKIP LOCKED`` also keeps them from waiting for each other.
    """
    now = now or timezone.now()
    lease_until = now + timedelta(seconds=settings.NEWSLETTER_LEASE_SECONDS)
    with transaction.atomic():
        candidates = Delivery.objects.filter(
            send_id=send_id, status=DeliveryStatus.QUEUED, next_attempt_at__lte=now
        ).order_by("pk")
        if connection.features.has_select_for_update_skip_locked:
            candidates = candidates.select_for_update(skip_locked=True)
        ids = list(candidates.values_list("pk", flat=True)[:size])
        if not ids:
            return []
        Delivery.objects.filter(pk__in=ids, status=DeliveryStatus.QUEUED).update(
            status=DeliveryStatus.CLAIMED,
            lease_owner=owner,
            lease_until=lease_until,
            attempts=F("attempts") + 1,
        )
    return list(
        Delivery.objects.filter(pk__in=ids, lease_owner=owner, status=DeliveryStatus.CLAIMED).only(
            "pk", "email", "token", "language", "attempts", "subscriber_id", "send_id"
        )
    )


def _retryable(exc: Exception) -> bool:
    status = getattr(exc, "status_code", None)
    if status == 429 or (status is not None and 500 <= status < 600):
        return True
    # Connection refused/reset before the request was written: nothing was sent.
    return (
        status is None
        and isinstance(exc.__cause__, requests.ConnectionError)
        and not isinstance(exc.__cause__, requests.Timeout)
    )


def _describe(exc: Exception) -> str:
    """A short error text for the ledger; never raises (some exceptions fail in ``str``)."""
    try:
        text = str(exc)
    except Exception:
        text = ""
    status = getattr(exc, "status_code", None)
    return (f"{type(exc).__name__} {status or ''}: {text}").strip()[:500]


def backoff_seconds(attempt: int) -> float:
    """Exponential backoff with jitter: 2, 4, 8, ... seconds, at most 5 minutes."""
    return min(300.0, 2.0**attempt) * random.uniform(0.8, 1.2)


@dataclass
class SliceReport:
    sent: int = 0
    failed: int = 0
    retried: int = 0
    skipped: int = 0
    unknown: int = 0
    errors: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Outcome:
    """What one provider call told us. ``retry`` only means the provider refused it for now."""

    status: str
    message_id: str = ""
    error: str = ""
    retry: bool = False


def call_provider(backend: BaseEmailBackend, message: EmailMessage) -> Outcome:
    """One provider call, classified; runs in a pool thread, so it never touches the database.

    Only an answer proves anything: a timeout or an unexpected error may have left the message
    accepted, so it is ``unknown`` (never resent); a refusal before or by the provider is
    ``failed``; 429, 5xx and a refused connection are worth another try.
    """
    try:
        backend.send_messages([message])
    except AnymailRecipientsRefused as exc:
        return Outcome(DeliveryStatus.FAILED, error=_describe(exc))
    except AnymailAPIError as exc:
        if isinstance(exc.__cause__, requests.Timeout):
            error = f"Timed out waiting for the provider's answer. {_describe(exc)}"
            return Outcome(DeliveryStatus.UNKNOWN, error=error[:500])
        if _retryable(exc):
            return Outcome(DeliveryStatus.QUEUED, error=_describe(exc), retry=True)
        return Outcome(DeliveryStatus.FAILED, error=_describe(exc))
    except AnymailError as exc:  # refused by Anymail itself (bad address, payload): not sent
        return Outcome(DeliveryStatus.FAILED, error=_describe(exc))
    except Exception as exc:  # a bug or a non-Anymail backend: it may have gone out
        logger.exception("newsletter: provider call failed unexpectedly")
        return Outcome(DeliveryStatus.UNKNOWN, error=_describe(exc))
    status = getattr(message, "anymail_status", None)
    message_id = (getattr(status, "message_id", None) or "") if status else ""
    return Outcome(DeliveryStatus.SENT, message_id=str(message_id)[:200])


class ProviderPool:
    """Up to ``size`` provider calls in flight at once from one worker process.

    A provider call is mostly waiting for the network, so one worker making them one after the
    other spends its time idle. Each pool thread keeps its own backend (Anymail's requests
    session, a kept-alive connection) because a backend is not safe to share between threads;
    the database is only touched by the calling thread, before and after the calls.
    """

    def __init__(self, size: int) -> None:
        self.size = max(1, size)
        self._local = threading.local()
        self._backends: list[BaseEmailBackend] = []
        self._lock = threading.Lock()
        self._executor = (
            ThreadPoolExecutor(max_workers=self.size, thread_name_prefix="newsletter-send")
            if self.size > 1
            else None
        )

    def _backend(self) -> BaseEmailBackend:
        backend: BaseEmailBackend | None = getattr(self._local, "backend", None)
        if backend is None:
            backend = mailers.default
            backend.open()
            self._local.backend = backend
            with self._lock:
                self._backends.append(backend)
        return backend

    def _call(self, message: EmailMessage) -> Outcome:
        return call_provider(self._backend(), message)

    def send(self, messages: list[EmailMessage]) -> list[Outcome]:
        """One outcome per message, in order, once every call has returned."""
        if self._executor is None:
            return [self._call(message) for message in messages]
        return list(self._executor.map(self._call, messages))

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True)
        for backend in self._backends:
            backend.close()
        self._backends.clear()

    def __enter__(self) -> ProviderPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _held_by(owner: str) -> Q:
    """Rows this worker still answers for (``unknown``: recovery gave up on it, but the answer
    that arrives late is better than the guess)."""
    return Q(
        lease_owner=owner,
        status__in=[DeliveryStatus.CLAIMED, DeliveryStatus.SENDING, DeliveryStatus.UNKNOWN],
    )


def _mark(pk: int, owner: str, **values: Any) -> int:
    return Delivery.objects.filter(_held_by(owner), pk=pk).update(lease_until=None, **values)


def start_sending(ids: list[int], owner: str) -> set[int]:
    """The point of no return for a sub-batch: ``claimed`` → ``sending`` in one UPDATE.

    A row whose lease was lost meanwhile (expired, re-queued, maybe claimed by another worker)
    does not match and is left alone. The lease is renewed so the rows are not taken for dead
    while their calls are under way.
    """
    lease_until = timezone.now() + timedelta(seconds=settings.NEWSLETTER_LEASE_SECONDS)
    started = Delivery.objects.filter(
        pk__in=ids, lease_owner=owner, status=DeliveryStatus.CLAIMED
    ).update(status=DeliveryStatus.SENDING, lease_until=lease_until)
    if started == len(ids):
        return set(ids)
    return set(
        Delivery.objects.filter(
            pk__in=ids, lease_owner=owner, status=DeliveryStatus.SENDING
        ).values_list("pk", flat=True)
    )


def record_outcomes(
    results: list[tuple[Delivery, Outcome]], owner: str, report: SliceReport
) -> None:
    """Write what the provider said: every accepted message in ONE UPDATE (each row with its own
    message id), the rarer failures, retries and unknowns row by row."""
    now = timezone.now()
    sent = [(delivery, outcome) for delivery, outcome in results if outcome.status == "sent"]
    if sent:
        Delivery.objects.filter(_held_by(owner), pk__in=[d.pk for d, _ in sent]).update(
            status=DeliveryStatus.SENT,
            sent_at=now,
            last_error="",
            lease_until=None,
            message_id=Case(
                *(When(pk=d.pk, then=Value(outcome.message_id)) for d, outcome in sent),
                default=Value(""),
                output_field=CharField(),
            ),
        )
        report.sent += len(sent)
    for delivery, outcome in results:
        if outcome.status == DeliveryStatus.SENT:
            continue
        if outcome.retry and delivery.attempts < settings.NEWSLETTER_MAX_ATTEMPTS:
            retry_at = now + timedelta(seconds=backoff_seconds(delivery.attempts))
            _mark(
                delivery.pk,
                owner,
                status=DeliveryStatus.QUEUED,
                next_attempt_at=retry_at,
                lease_owner="",
                last_error=outcome.error,
            )
            report.retried += 1
        elif outcome.status == DeliveryStatus.UNKNOWN:
            _mark(delivery.pk, owner, status=DeliveryStatus.UNKNOWN, last_error=outcome.error)
            report.unknown += 1
        else:
            _mark(delivery.pk, owner, status=DeliveryStatus.FAILED, last_error=outcome.error)
            report.failed += 1
            report.errors.append(outcome.error[:200])


def sub_batch_size() -> int:
    """Deliveries marked ``sending`` at once: never more than the site-wide rate allows in a
    second, so one sub-batch cannot burst past the provider's limit."""
    size = max(1, settings.NEWSLETTER_SUB_BATCH_SIZE)
    rate = settings.NEWSLETTER_RATE_PER_SECOND
    return min(size, rate) if rate > 0 else size


def send_batch(
    deliveries: list[Delivery],
    rendered: dict[str, RenderedIssue],
    links: dict[str, LinkFactory],
    pool: ProviderPool,
    owner: str,
    report: SliceReport,
) -> None:
    """Send claimed deliveries in sub-batches: check, take rate slots, mark, call, record.

    Per sub-batch that is one SELECT (who unsubscribed or was suppressed meanwhile), one Redis
    counter update, one UPDATE to ``sending``, the provider calls side by side, and one UPDATE
    for everything accepted: a few commits per sub-batch instead of two per message. A worker
    killed in the middle leaves at most one sub-batch ``sending``, later reported ``unknown``.
    """
    size = sub_batch_size()
    for first in range(0, len(deliveries), size):
        _send_sub_batch(deliveries[first : first + size], rendered, links, pool, owner, report)


def _send_sub_batch(
    deliveries: list[Delivery],
    rendered: dict[str, RenderedIssue],
    links: dict[str, LinkFactory],
    pool: ProviderPool,
    owner: str,
    report: SliceReport,
) -> None:
    live = set(
        Subscriber.objects.filter(
            pk__in=[d.subscriber_id for d in deliveries], status=SubscriberStatus.CONFIRMED
        ).values_list("pk", flat=True)
    )
    gone = [d.pk for d in deliveries if d.subscriber_id not in live]
    if gone:
        report.skipped += Delivery.objects.filter(
            pk__in=gone, lease_owner=owner, status=DeliveryStatus.CLAIMED
        ).update(status=DeliveryStatus.SKIPPED, lease_until=None)
    deliveries = [d for d in deliveries if d.subscriber_id in live]
    if not deliveries:
        return
    messages = {}
    for delivery in deliveries:
        issue = rendered[delivery.language]
        personal = personalise(issue, links[delivery.language], delivery.token)
        messages[delivery.pk] = issue_message(issue, personal, delivery.email)
    wait_for_send_slots(len(deliveries), settings.NEWSLETTER_RATE_PER_SECOND)
    # The point of no return: from here a crash leaves "sending", later reported unknown.
    started = start_sending(list(messages), owner)
    deliveries = [d for d in deliveries if d.pk in started]
    outcomes = pool.send([messages[d.pk] for d in deliveries])
    record_outcomes(list(zip(deliveries, outcomes, strict=True)), owner, report)


def render_for_send(send: Send) -> dict[str, RenderedIssue]:
    """Render the issue once per language of the send."""
    pages = issue_translations(send.issue, send.languages)
    return {language: render_issue(page) for language, page in pages.items()}


def process_send_slice(send_id: int, *, seconds: float | None = None) -> SliceReport:
    """Send for up to ``seconds`` (a slice); chain the next slice first when the backend can."""
    from .tasks import process_send_task

    report = SliceReport()
    send = Send.objects.select_related("issue").filter(pk=send_id).first()
    if send is None or send.status != SendStatus.RUNNING:
        return report
    chained = process_send_task.get_backend().supports_defer
    seconds = (
        seconds if seconds is not None else (settings.NEWSLETTER_SLICE_SECONDS if chained else None)
    )
    if chained:
        process_send_task.using(run_after=timezone.now() + timedelta(seconds=seconds or 0)).enqueue(
            send_id
        )
    deadline = time.monotonic() + seconds if seconds else None
    owner = f"{WORKER_ID}:{uuid.uuid4().hex[:6]}"
    recover_expired_leases(send_id)
    rendered = render_for_send(send)
    links = {language: LinkFactory(language) for language in rendered}
    with ProviderPool(settings.NEWSLETTER_CONCURRENCY) as pool:
        while deadline is None or time.monotonic() < deadline:
            if Send.objects.filter(pk=send_id).values_list("status", flat=True).first() != (
                SendStatus.RUNNING
            ):
                break
            batch = claim_batch(send_id, owner, settings.NEWSLETTER_BATCH_SIZE)
            if not batch:
                if not _wait_for_retries(send_id, deadline):
                    break
                continue
            send_batch(batch, rendered, links, pool, owner, report)
    finish_if_complete(send_id)
    return report


def _wait_for_retries(send_id: int, deadline: float | None) -> bool:
    """When only deferred retries remain, sleep until the first is due (within the slice)."""
    first = (
        Delivery.objects.filter(send_id=send_id, status=DeliveryStatus.QUEUED)
        .order_by("next_attempt_at")
        .values_list("next_attempt_at", flat=True)
        .first()
    )
    if first is None:
        return False
    wait = (first - timezone.now()).total_seconds()
    if deadline is not None and time.monotonic() + wait > deadline:
        return False
    time.sleep(max(0.0, wait))
    return True


def finish_if_complete(send_id: int) -> bool:
    """Mark the send done when nothing is queued or in flight."""
    pending = Delivery.objects.filter(
        send_id=send_id,
        status__in=[DeliveryStatus.QUEUED, DeliveryStatus.CLAIMED, DeliveryStatus.SENDING],
    ).exists()
    if pending:
        return False
    return bool(
        Send.objects.filter(pk=send_id, status=SendStatus.RUNNING).update(
            status=SendStatus.DONE, finished_at=timezone.now()
        )
    )


def figures(send: Send) -> dict[str, int]:
    """Counts for the admin: statuses of the ledger plus provider outcomes."""
    by_status = dict(
        send.deliveries.order_by()
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    outcomes = send.deliveries.aggregate(
        delivered=Count("pk", filter=Q(delivered=True)),
        bounced=Count("pk", filter=Q(bounced=True)),
        complaints=Count("pk", filter=Q(complained=True)),
        opens=Count("pk", filter=Q(opened=True)),
        clicks=Count("pk", filter=Q(clicked=True)),
    )
    total = sum(by_status.values())
    return {"total": total, **{s: by_status.get(s, 0) for s in DeliveryStatus.values}, **outcomes}
