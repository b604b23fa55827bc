"""Provider events from Anymail's tracking webhooks: record, deduplicate, suppress, auto-pause.

Anymail verifies the basic-auth secret (ANYMAIL["WEBHOOK_SECRET"]) and normalises every provider's
payload into ``AnymailTrackingEvent``; this receiver only deals with what the events mean here.
"""

from __future__ import annotations

import hashlib
import logging

from anymail.signals import AnymailTrackingEvent, EventType, tracking
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.dispatch import receiver

from . import sending, subscriptions
from .models import Delivery, DeliveryEvent, DeliveryStatus, Send, SendStatus, Subscriber
from .models.subscribers import SuppressionReason

logger = logging.getLogger(__name__)

SOFT_BOUNCE_TYPES = {"SoftBounce", "Transient", "DnsError", "AutoResponder"}

FLAGS = {
    EventType.DELIVERED: "delivered",
    EventType.BOUNCED: "bounced",
    EventType.COMPLAINED: "complained",
    EventType.OPENED: "opened",
    EventType.CLICKED: "clicked",
}


def event_key(event: AnymailTrackingEvent) -> str:
    """The provider's event id, or a stable digest when the provider sends none."""
    if event.event_id:
        return str(event.event_id)[:200]
    raw = f"{event.event_type}|{event.message_id}|{event.recipient}|{event.timestamp}"
    return "sha256:" + hashlib.sha256(raw.encode()).hexdigest()


def is_soft_bounce(event: AnymailTrackingEvent) -> bool:
    """Deferred, or a bounce the provider itself calls temporary."""
    if event.event_type == EventType.DEFERRED:
        return True
    esp = event.esp_event if isinstance(event.esp_event, dict) else {}
    if esp.get("Type") in SOFT_BOUNCE_TYPES:  # Postmark
        return True
    return esp.get("severity") == "temporary"  # Mailgun


@receiver(tracking, dispatch_uid="newsletter.tracking")
def handle_tracking(
    sender: object, event: AnymailTrackingEvent, esp_name: str, **kwargs: object
) -> None:
    record_event(event)


def record_event(event: AnymailTrackingEvent) -> bool:
    """Store one event; False when it was a duplicate (providers retry webhooks) or says nothing
    about any message or person (neither message id nor recipient): such a body, e.g. ``{"a": 1}``,
    is noise that must not fill the ledger."""
    if not event.message_id and not event.recipient:
        logger.info(
            "newsletter: provider event %s without message id or recipient ignored",
            event.event_type,
        )
        return False
    delivery = (
        Delivery.objects.filter(message_id=event.message_id).select_related("subscriber").first()
        if event.message_id
        else None
    )
    try:
        with transaction.atomic():
            DeliveryEvent.objects.create(
                delivery=delivery,
                event_id=event_key(event),
                event_type=str(event.event_type)[:20],
                message_id=str(event.message_id or "")[:200],
                occurred_at=event.timestamp,
                description=str(event.description or "")[:300],
            )
            _apply(event, delivery)
    except IntegrityError:
        return False
    return True


def _apply(event: AnymailTrackingEvent, delivery: Delivery | None) -> None:
    subscriber = delivery.subscriber if delivery else None
    if subscriber is None and event.recipient:
        subscriber = Subscriber.objects.filter(email=event.recipient.strip().lower()).first()
    kind = event.event_type
    origin = subscriptions.Origin(source=f"provider event {kind}")
    soft = kind in (EventType.BOUNCED, EventType.DEFERRED) and is_soft_bounce(event)

    flag = FLAGS.get(kind)
    if delivery is not None and flag and not soft:
        Delivery.objects.filter(pk=delivery.pk).update(**{flag: True})
    if delivery is not None and kind == EventType.CLICKED:
        Delivery.objects.filter(pk=delivery.pk).update(opened=True)

    if subscriber is None:
        return
    if kind == EventType.DELIVERED and subscriber.soft_bounces:
        Subscriber.objects.filter(pk=subscriber.pk).update(soft_bounces=0)
    elif soft:
        Subscriber.objects.filter(pk=subscriber.pk).update(soft_bounces=F("soft_bounces") + 1)
        subscriber.refresh_from_db(fields=["soft_bounces"])
        if subscriber.soft_bounces >= settings.NEWSLETTER_SOFT_BOUNCE_LIMIT:
            subscriptions.suppress(subscriber, SuppressionReason.SOFT_BOUNCES, origin)
    elif kind == EventType.BOUNCED:
        subscriptions.suppress(subscriber, SuppressionReason.HARD_BOUNCE, origin)
    elif kind == EventType.REJECTED:
        subscriptions.suppress(subscriber, SuppressionReason.REJECTED, origin)
    elif kind == EventType.COMPLAINED:
        subscriptions.suppress(subscriber, SuppressionReason.COMPLAINT, origin)
        if delivery is not None:
            check_complaint_rate(delivery.send_id)
    elif kind == EventType.UNSUBSCRIBED:
        subscriptions.unsubscribe(subscriber, origin)


def check_complaint_rate(send_id: int) -> bool:
    """Pause the send when complaints exceed NEWSLETTER_COMPLAINT_PAUSE_RATIO of what it sent."""
    send = Send.objects.filter(pk=send_id).first()
    if send is None or send.status not in (SendStatus.RUNNING, SendStatus.SCHEDULED):
        return False
    deliveries = Delivery.objects.filter(send_id=send_id)
    sent = deliveries.filter(status=DeliveryStatus.SENT).count()
    complaints = deliveries.filter(complained=True).count()
    if sent and complaints / sent > settings.NEWSLETTER_COMPLAINT_PAUSE_RATIO:
        sending.pause(send, reason=f"Complaints {complaints} of {sent} sent (over 0.1%).")
        logger.warning("newsletter: send %s paused: %s complaints of %s", send_id, complaints, sent)
        return True
    return False
