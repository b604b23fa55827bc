"""Subscribers, the append-only consent ledger and the hashed suppression list."""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..normalise import email_digest, normalise_email


def new_token() -> str:
    """An opaque, unguessable identifier used in every link (never the address or the pk)."""
    return secrets.token_urlsafe(24)


class SubscriberStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    PAUSED = "paused", _("Paused")
    UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")
    SUPPRESSED = "suppressed", _("Suppressed (bounce or complaint)")


class Subscriber(models.Model):
    """One address. ``email`` is stored normalised; a unique index on ``lower(email)`` means two
    concurrent sign-ups of ``Ada@x.org`` and ``ada@x.org`` can only ever make one row."""

    email = models.EmailField(
        _("email address"),
        max_length=254,
        help_text=_("Stored in lower case; each address can subscribe only once."),
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        help_text=_("The language of the issues this person receives."),
    )
    topics = models.ManyToManyField(
        "pages.Area",
        verbose_name=_("topics"),
        blank=True,
        related_name="+",
        help_text=_("The areas this person asked about; none means every issue."),
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=SubscriberStatus.choices,
        default=SubscriberStatus.PENDING,
        db_index=True,
        help_text=_(
            "Changes only through the subscriber's own links or the email provider's reports."
        ),
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    source = models.CharField(_("signed up from"), max_length=40, blank=True)
    soft_bounces = models.PositiveSmallIntegerField(_("soft bounces in a row"), default=0)
    created_at = models.DateTimeField(_("signed up"), default=timezone.now, db_index=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="newsletter_subscriber_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.email

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.email = normalise_email(self.email)
        super().save(*args, **kwargs)

    @property
    def receives_issues(self) -> bool:
        return self.status == SubscriberStatus.CONFIRMED

    def topic_keys(self) -> list[str]:
        """Language-neutral topic identities (an area's translation_key is shared by en/it)."""
        return [str(area.translation_key) for area in self.topics.all()]


class ConsentAction(models.TextChoices):
    SIGNUP = "signup", _("Signed up (consent given)")
    CONFIRM = "confirm", _("Confirmed by email")
    CHANGE = "change", _("Changed preferences")
    PAUSE = "pause", _("Paused")
    RESUME = "resume", _("Resumed")
    UNSUBSCRIBE = "unsubscribe", _("Unsubscribed")
    IMPORT = "import", _("Imported")
    SUPPRESS = "suppress", _("Suppressed by the provider")
    ERASE = "erase", _("Erased on request")


class AppendOnlyError(RuntimeError):
    """Raised when code tries to change or delete a ledger row."""


class ConsentEvent(models.Model):
    """One line of the consent ledger. Rows are written once and never changed.

    What was shown (``text_version`` in ``language``), where (``source``), when, from which IP and
    user agent. Erasure removes the rows about a person (they are personal data) and leaves one
    ``erase`` row that holds only the keyed hash of the address.
    """

    subscriber = models.ForeignKey(
        Subscriber,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="consent_events",
    )
    email_digest = models.CharField(max_length=64, db_index=True)
    action = models.CharField(_("action"), max_length=16, choices=ConsentAction.choices)
    text_version = models.CharField(_("consent text version"), max_length=32, blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    source = models.CharField(_("where"), max_length=200, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=300, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent ledger")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} · {self.created_at:%Y-%m-%d %H:%M}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("The consent ledger is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise AppendOnlyError("The consent ledger is append-only.")


class SuppressionReason(models.TextChoices):
    ERASED = "erased", _("Erased on request")
    HARD_BOUNCE = "hard_bounce", _("Hard bounce")
    SOFT_BOUNCES = "soft_bounces", _("Repeated soft bounces")
    COMPLAINT = "complaint", _("Spam complaint")
    REJECTED = "rejected", _("Rejected by the provider")


class Suppression(models.Model):
    """An address that must not be mailed or re-imported, kept only as a keyed hash."""

    digest = models.CharField(max_length=64, unique=True)
    reason = models.CharField(_("reason"), max_length=16, choices=SuppressionReason.choices)
    created_at = models.DateTimeField(_("since"), default=timezone.now)

    class Meta:
        verbose_name = _("suppressed address")
        verbose_name_plural = _("suppressed addresses")

    def __str__(self) -> str:
        return f"{self.digest[:12]}… ({self.get_reason_display()})"

    @classmethod
    def is_suppressed(cls, address: str) -> bool:
        return cls.objects.filter(digest=email_digest(address)).exists()

    @classmethod
    def add(cls, address: str, reason: str) -> None:
        cls.objects.get_or_create(digest=email_digest(address), defaults={"reason": reason})
