"""What happens to a subscriber: sign-up, confirmation, changes, unsubscription, erasure.

Views and admin actions call these functions; each one writes the consent ledger in the same
transaction as the change, so the ledger never misses or invents a step.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from kindness_site.security.client_address import UNKNOWN, client_ip
from pages.models import Area

from .consent import CONSENT_TEXT_VERSION
from .models import ConsentAction, ConsentEvent, Subscriber, SubscriberStatus, Suppression
from .models.subscribers import SuppressionReason
from .normalise import email_digest, normalise_email

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Origin:
    """Where a change came from, for the ledger."""

    source: str = ""
    ip_address: str | None = None
    user_agent: str = ""

    @classmethod
    def from_request(cls, request: HttpRequest, source: str) -> Origin:
        address = client_ip(request)
        ip = None if address == UNKNOWN else address
        return cls(
            source=source, ip_address=ip, user_agent=request.headers.get("User-Agent", "")[:300]
        )


def record(
    subscriber: Subscriber | None,
    action: str,
    origin: Origin,
    *,
    email: str = "",
    language: str = "",
    text_version: str = "",
    **details: Any,
) -> ConsentEvent:
    """Append one ledger row."""
    address = subscriber.email if subscriber else email
    return ConsentEvent.objects.create(
        subscriber=subscriber,
        email_digest=email_digest(address),
        action=action,
        text_version=text_version,
        language=language or (subscriber.language if subscriber else ""),
        source=origin.source[:200],
        ip_address=origin.ip_address,
        user_agent=origin.user_agent[:300],
        details=details,
    )


def _get_or_create(email: str, language: str, source: str) -> tuple[Subscriber, bool]:
    """One row per address even when two requests race: the unique index decides."""
    try:
        with transaction.atomic():
            return Subscriber.objects.get_or_create(
                email=email, defaults={"language": language, "source": source[:40]}
            )
    except IntegrityError:
        return Subscriber.objects.get(email=email), False


def request_signup(
    email: str, language: str, topics: Iterable[Area], origin: Origin
) -> tuple[Subscriber | None, str]:
    """Record a sign-up and say which email to send: "confirm", "already" or "" (none).

    The caller answers the visitor the same way in every case, so the response never tells
    whether the address was known.
    """
    email = normalise_email(email)
    if Suppression.is_suppressed(email):
        logger.info("newsletter: sign-up for a suppressed address ignored")
        return None, ""
    subscriber, created = _get_or_create(email, language, origin.source)
    if subscriber.status in (SubscriberStatus.CONFIRMED, SubscriberStatus.PAUSED):
        return subscriber, "already"
    if subscriber.status == SubscriberStatus.SUPPRESSED:
        return None, ""
    with transaction.atomic():
        subscriber.language = language
        subscriber.status = SubscriberStatus.PENDING
        if not created:
            subscriber.created_at = timezone.now()  # the purge clock restarts with a new sign-up
        subscriber.save()
        subscriber.topics.set(list(topics))
        record(
            subscriber,
            ConsentAction.SIGNUP,
            origin,
            language=language,
            text_version=CONSENT_TEXT_VERSION,
            topics=[a.slug for a in topics],
        )
    return subscriber, "confirm"


def confirm(subscriber: Subscriber, origin: Origin) -> bool:
    """Confirm a pending address; True when something changed (a second click is harmless)."""
    if subscriber.status not in (SubscriberStatus.PENDING, SubscriberStatus.UNSUBSCRIBED):
        return False
    with transaction.atomic():
        subscriber.status = SubscriberStatus.CONFIRMED
        subscriber.confirmed_at = timezone.now()
        subscriber.soft_bounces = 0
        subscriber.save(update_fields=["status", "confirmed_at", "soft_bounces", "updated_at"])
        record(subscriber, ConsentAction.CONFIRM, origin, text_version=CONSENT_TEXT_VERSION)
    return True


def change_preferences(
    subscriber: Subscriber, language: str, topics: Iterable[Area], paused: bool, origin: Origin
) -> None:
    topics = list(topics)
    with transaction.atomic():
        before = (subscriber.language, sorted(subscriber.topic_keys()), subscriber.status)
        subscriber.language = language
        if paused and subscriber.status == SubscriberStatus.CONFIRMED:
            subscriber.status = SubscriberStatus.PAUSED
        elif not paused and subscriber.status == SubscriberStatus.PAUSED:
            subscriber.status = SubscriberStatus.CONFIRMED
        subscriber.save(update_fields=["language", "status", "updated_at"])
        subscriber.topics.set(topics)
        after = (language, sorted(str(a.translation_key) for a in topics), subscriber.status)
        if before[2] != after[2]:
            action = ConsentAction.PAUSE if paused else ConsentAction.RESUME
            record(subscriber, action, origin)
        if before[:2] != after[:2]:
            record(subscriber, ConsentAction.CHANGE, origin, topics=[a.slug for a in topics])


def unsubscribe(subscriber: Subscriber, origin: Origin) -> bool:
    """Idempotent: True the first time, False when already unsubscribed."""
    with transaction.atomic():
        locked = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if locked.status == SubscriberStatus.UNSUBSCRIBED:
            return False
        locked.status = SubscriberStatus.UNSUBSCRIBED
        locked.save(update_fields=["status", "updated_at"])
        record(locked, ConsentAction.UNSUBSCRIBE, origin)
    subscriber.status = SubscriberStatus.UNSUBSCRIBED
    return True


def suppress(subscriber: Subscriber, reason: str, origin: Origin, **details: Any) -> None:
    """Stop mailing an address at once (hard bounce, complaint) and remember its hash."""
    with transaction.atomic():
        Suppression.add(subscriber.email, reason)
        if subscriber.status != SubscriberStatus.SUPPRESSED:
            subscriber.status = SubscriberStatus.SUPPRESSED
            subscriber.save(update_fields=["status", "updated_at"])
            record(subscriber, ConsentAction.SUPPRESS, origin, reason=reason, **details)


def export_data(subscriber: Subscriber) -> dict[str, Any]:
    """Everything stored about a subscriber, for "download my data"."""
    return {
        "email": subscriber.email,
        "language": subscriber.language,
        "status": subscriber.status,
        "topics": [area.slug for area in subscriber.topics.all()],
        "signed_up_from": subscriber.source,
        "created_at": subscriber.created_at.isoformat(),
        "confirmed_at": subscriber.confirmed_at.isoformat() if subscriber.confirmed_at else None,
        "consent_ledger": [
            {
                "action": event.action,
                "when": event.created_at.isoformat(),
                "consent_text_version": event.text_version,
                "language": event.language,
                "where": event.source,
                "ip_address": event.ip_address,
                "user_agent": event.user_agent,
                "details": event.details,
            }
            for event in subscriber.consent_events.all()
        ],
        "deliveries": [
            {
                "issue": delivery.issue.title,
                "status": delivery.status,
                "sent_at": delivery.sent_at.isoformat() if delivery.sent_at else None,
                "opened": delivery.opened,
                "clicked": delivery.clicked,
            }
            for delivery in subscriber.deliveries.select_related("issue")
        ],
    }


def erase(subscriber: Subscriber, origin: Origin) -> None:
    """Delete personal data; keep only a keyed hash so the address is never re-added by mistake."""
    digest = email_digest(subscriber.email)
    with transaction.atomic():
        Suppression.objects.update_or_create(
            digest=digest, defaults={"reason": SuppressionReason.ERASED}
        )
        subscriber.deliveries.update(email="", token="", subscriber=None)
        subscriber.delete()
        ConsentEvent.objects.create(
            subscriber=None,
            email_digest=digest,
            action=ConsentAction.ERASE,
            source=origin.source[:200],
        )


def purge_unconfirmed(now: datetime | None = None) -> int:
    """Delete sign-ups never confirmed within NEWSLETTER_PURGE_UNCONFIRMED_DAYS; returns count."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.NEWSLETTER_PURGE_UNCONFIRMED_DAYS)
    stale = Subscriber.objects.filter(
        status=SubscriberStatus.PENDING, confirmed_at__isnull=True, created_at__lt=cutoff
    )
    count = 0
    for subscriber in stale.iterator():
        with transaction.atomic():
            subscriber.delete()
        count += 1
    return count
