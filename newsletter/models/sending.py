"""Sends and the delivery ledger: the source of truth for who was sent what.

The task queue is not trusted to remember anything: a worker can die between any two lines. The
ledger row for each (issue, subscriber) moves ``queued`` → ``claimed`` (taken by one worker with a
lease) → ``sending`` (*before* the provider call; a sub-batch of rows at once) → ``sent`` (with the
provider's message id, *after* it). A claimed row whose lease expires was never attempted and is
queued again; a row found ``sending`` with an expired lease may or may not have gone out, so it
becomes ``unknown`` and is never retried automatically: nobody gets a second copy.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SendStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SCHEDULED = "scheduled", _("Scheduled")
    RUNNING = "running", _("Sending")
    PAUSED = "paused", _("Paused")
    CANCELLED = "cancelled", _("Cancelled")
    DONE = "done", _("Finished")


class Send(models.Model):
    """One mailing of an issue to the confirmed subscribers of some languages and topics."""

    issue = models.ForeignKey(
        "newsletter.NewsletterIssuePage",
        verbose_name=_("issue"),
        on_delete=models.PROTECT,
        related_name="sends",
    )
    languages = models.JSONField(_("languages"), default=list)
    topics = models.ManyToManyField(
        "pages.Area",
        verbose_name=_("topics"),
        blank=True,
        related_name="+",
        help_text=_("Leave empty to send to everybody in the chosen languages."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=SendStatus.choices, default=SendStatus.DRAFT
    )
    scheduled_at = models.DateTimeField(_("scheduled for"), null=True, blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    pause_reason = models.CharField(_("pause reason"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("send")
        verbose_name_plural = _("sends")
        ordering = ["-created_at"]
        permissions = [("send_newsletter", "Can send newsletters")]

    def __str__(self) -> str:
        return f"{self.issue.title} · {', '.join(self.languages)} · {self.get_status_display()}"

    @property
    def is_active(self) -> bool:
        return self.status in (SendStatus.RUNNING, SendStatus.SCHEDULED)


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    CLAIMED = "claimed", _("Claimed by a worker")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    UNKNOWN = "unknown", _("Unknown (worker stopped mid-send)")
    SKIPPED = "skipped", _("Skipped (unsubscribed or suppressed meanwhile)")
    CANCELLED = "cancelled", _("Cancelled")


class Delivery(models.Model):
    """One row per issue and subscriber, frozen when the send starts (unique: one copy each)."""

    send = models.ForeignKey(Send, on_delete=models.CASCADE, related_name="deliveries")
    issue = models.ForeignKey(
        "newsletter.NewsletterIssuePage", on_delete=models.PROTECT, related_name="+"
    )
    subscriber = models.ForeignKey(
        "newsletter.Subscriber",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deliveries",
    )
    email = models.EmailField(max_length=254, blank=True)
    token = models.CharField(max_length=64, blank=True)
    language = models.CharField(max_length=8)
    status = models.CharField(
        max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.QUEUED
    )
    lease_owner = models.CharField(max_length=40, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    message_id = models.CharField(max_length=200, blank=True, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    # Provider outcome, filled from webhooks.
    delivered = models.BooleanField(default=False)
    bounced = models.BooleanField(default=False)
    complained = models.BooleanField(default=False)
    opened = models.BooleanField(default=False)
    clicked = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "subscriber"], name="newsletter_delivery_one_per_issue"
            ),
        ]
        indexes = [models.Index(fields=["send", "status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.email or '—'} · {self.get_status_display()}"


class DeliveryEvent(models.Model):
    """A provider event (webhook), stored once per provider event id."""

    delivery = models.ForeignKey(
        Delivery, on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )
    event_id = models.CharField(max_length=200, unique=True)
    event_type = models.CharField(max_length=20, db_index=True)
    message_id = models.CharField(max_length=200, blank=True)
    occurred_at = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField(default=timezone.now)
    description = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("provider event")
        verbose_name_plural = _("provider events")

    def __str__(self) -> str:
        return f"{self.event_type} {self.event_id}"
