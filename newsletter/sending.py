"""Sending an issue: freeze the audience, then claim, send and record each delivery.

Guarantee: nobody receives two copies of an issue. The Delivery ledger (unique per issue and
subscriber) is the source of truth. Rows are claimed in batches with a lease (``claimed``); each
row becomes ``sending`` right *before* its provider call and ``sent`` with the provider's message
id *after* it. Claimed rows whose lease expires were never attempted and are queued again. If a
worker dies during a call, the row stays ``sending`` until its lease expires and then becomes
``unknown``: reported, never re-sent automatically. At-most-once, honestly labelled (the same
stance as Ghost's email service).

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
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import requests
from anymail.exceptions import AnymailAPIError, AnymailRecipientsRefused
from django.conf import settings
from django.core.mail import mailers
from django.db import connection, transaction
from django.db.models import Count, F, Q
from django.utils import timezone

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
from .ratelimit import wait_for_send_slot

logger = logging.getLogger(__name__)

FREEZE_CHUNK = 2000
WORKER_ID = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class SendError(Exception):
    """A send cannot start (missing translation, wrong state); the message is for editors."""


# --- audience ------------------------------------------------------------------------------
def audience(send: Send):
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
    )


def start_send(send_id: int, now: datetime | None = None) -> Send:
    """Freeze the audience into the ledger and start sending."""
    now = now or timezone.now()
    with transaction.atomic():
        send = Send.objects.select_for_update().select_related("issue").get(pk=send_id)
        if send.status not in (SendStatus.DRAFT, SendStatus.SCHEDULED):
            return send
        issue_translations(send.issue, send.languages)
        issue = canonical_issue(send.issue)
        rows = audience(send).values_list("pk", "email", "token", "language").order_by("pk")
        batch: list[Delivery] = []
        for pk, email, token, language in rows.iterator(chunk_size=FREEZE_CHUNK):
            batch.append(
                Delivery(
                    send=send,
                    issue=issue,
                    subscriber_id=pk,
                    email=email,
                    token=token,
                    language=language,
                    next_attempt_at=now,
                )
            )
            if len(batch) >= FREEZE_CHUNK:
                Delivery.objects.bulk_create(batch, ignore_conflicts=True)
                batch = []
        if batch:
            Delivery.objects.bulk_create(batch, ignore_conflicts=True)
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


def _mark(pk: int, owner: str, **values) -> int:
    return Delivery.objects.filter(
        Q(status=DeliveryStatus.SENDING)
        | Q(status=DeliveryStatus.UNKNOWN)
        | Q(status=DeliveryStatus.CLAIMED),
        pk=pk,
        lease_owner=owner,
    ).update(lease_until=None, **values)


def send_batch(
    deliveries: list[Delivery],
    rendered: dict[str, RenderedIssue],
    links: dict[str, LinkFactory],
    backend,
    owner: str,
    report: SliceReport,
) -> None:
    """Send claimed deliveries one by one, recording each outcome right after its call."""
    live = set(
        Subscriber.objects.filter(
            pk__in=[d.subscriber_id for d in deliveries], status=SubscriberStatus.CONFIRMED
        ).values_list("pk", flat=True)
    )
    for delivery in deliveries:
        if delivery.subscriber_id not in live:
            _mark(delivery.pk, owner, status=DeliveryStatus.SKIPPED)
            report.skipped += 1
            continue
        issue = rendered[delivery.language]
        personal = personalise(issue, links[delivery.language], delivery.token)
        message = issue_message(issue, personal, delivery.email)
        wait_for_send_slot(settings.NEWSLETTER_RATE_PER_SECOND)
        # The point of no return: from here a crash leaves "sending", later reported unknown.
        started = Delivery.objects.filter(
            pk=delivery.pk, lease_owner=owner, status=DeliveryStatus.CLAIMED
        ).update(status=DeliveryStatus.SENDING)
        if not started:  # the lease was lost (expired and re-queued): another worker owns it
            continue
        try:
            backend.send_messages([message])
        except AnymailRecipientsRefused as exc:
            _mark(delivery.pk, owner, status=DeliveryStatus.FAILED, last_error=_describe(exc))
            report.failed += 1
        except AnymailAPIError as exc:
            if isinstance(exc.__cause__, requests.Timeout):
                # The provider may have accepted it: never guess, never resend.
                _mark(delivery.pk, owner, status=DeliveryStatus.UNKNOWN, last_error=_describe(exc))
                report.unknown += 1
            elif _retryable(exc) and delivery.attempts < settings.NEWSLETTER_MAX_ATTEMPTS:
                retry_at = timezone.now() + timedelta(seconds=backoff_seconds(delivery.attempts))
                _mark(
                    delivery.pk,
                    owner,
                    status=DeliveryStatus.QUEUED,
                    next_attempt_at=retry_at,
                    lease_owner="",
                    last_error=_describe(exc),
                )
                report.retried += 1
            else:
                _mark(delivery.pk, owner, status=DeliveryStatus.FAILED, last_error=_describe(exc))
                report.failed += 1
                report.errors.append(_describe(exc)[:200])
        else:
            status = getattr(message, "anymail_status", None)
            message_id = (getattr(status, "message_id", None) or "") if status else ""
            _mark(
                delivery.pk,
                owner,
                status=DeliveryStatus.SENT,
                message_id=str(message_id)[:200],
                sent_at=timezone.now(),
                last_error="",
            )
            report.sent += 1


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
        process_send_task.using(run_after=timezone.now() + timedelta(seconds=seconds)).enqueue(
            send_id
        )
    deadline = time.monotonic() + seconds if seconds else None
    owner = f"{WORKER_ID}:{uuid.uuid4().hex[:6]}"
    recover_expired_leases(send_id)
    rendered = render_for_send(send)
    links = {language: LinkFactory(language) for language in rendered}
    backend = mailers.default
    backend.open()
    try:
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
            send_batch(batch, rendered, links, backend, owner, report)
    finally:
        backend.close()
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
