"""Background tasks (django-tasks; the DB worker in production, immediate in dev and tests)."""

from __future__ import annotations

import logging

from django_tasks import task

logger = logging.getLogger(__name__)

# Mail that someone is waiting for goes before background upkeep. The worker takes the highest
# priority first; an import, a demo load or a batch of publishes queues hundreds of default-
# priority tasks (search and reference index updates, renditions, citations) that take minutes to
# drain. A confirmation link must not wait behind them, and a send's slices hold leases of
# seconds and are paced by a rate: queued behind a backlog, a send would stall for its length.
MAIL_PRIORITY = 50


@task(priority=MAIL_PRIORITY)
def send_signup_email(subscriber_id: int, kind: str) -> None:
    """Confirmation or "already subscribed" email, off the request so every answer takes as long."""
    from . import emails
    from .models import Subscriber

    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None:
        return
    if kind == "confirm":
        emails.send_confirmation(subscriber)
    elif kind == "already":
        emails.send_already_subscribed(subscriber)


@task()
def purge_unconfirmed_task() -> int:
    """Delete stale unconfirmed sign-ups (enqueue daily, or run ``newsletter_purge``)."""
    from .subscriptions import purge_unconfirmed

    count = purge_unconfirmed()
    logger.info("newsletter: purged %s unconfirmed sign-ups", count)
    return count


@task(priority=MAIL_PRIORITY)
def start_send_task(send_id: int) -> None:
    """Freeze the audience of a scheduled send and start the sending chains."""
    from .sending import start_send

    start_send(send_id)


@task(priority=MAIL_PRIORITY)
def process_send_task(send_id: int) -> None:
    """One slice of a send: recover expired leases, then claim and send batches."""
    from .sending import process_send_slice

    process_send_slice(send_id)
