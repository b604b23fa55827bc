"""Background tasks (django-tasks; the DB worker in production, immediate in dev and tests)."""

from __future__ import annotations

import logging

from django_tasks import task

logger = logging.getLogger(__name__)


@task()
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


@task()
def start_send_task(send_id: int) -> None:
    """Freeze the audience of a scheduled send and start the sending chains."""
    from .sending import start_send

    start_send(send_id)


@task()
def process_send_task(send_id: int) -> None:
    """One slice of a send: recover expired leases, then claim and send batches."""
    from .sending import process_send_slice

    process_send_slice(send_id)
