"""Signed links that go out by email, and the opaque one-click unsubscribe link.

* confirm: ``TimestampSigner``, expires after NEWSLETTER_CONFIRM_MAX_AGE_DAYS;
* preferences: ``Signer`` without expiry (links in an old issue must keep working); the token
  inside is rotated on erasure, so links to an erased person lead nowhere;
* unsubscribe: the subscriber's random token alone, short enough for a List-Unsubscribe header.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

CONFIRM_SALT = "newsletter.confirm"
PREFERENCES_SALT = "newsletter.preferences"


class LinkError(Exception):
    """The link is malformed, tampered with or expired (``expired`` tells which)."""

    def __init__(self, expired: bool = False) -> None:
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def confirm_signature(token: str) -> str:
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign(token)


def token_from_confirm_signature(value: str) -> str:
    max_age = settings.NEWSLETTER_CONFIRM_MAX_AGE_DAYS * 86_400
    try:
        return signing.TimestampSigner(salt=CONFIRM_SALT).unsign(value, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise LinkError(expired=True) from exc
    except signing.BadSignature as exc:
        raise LinkError() from exc


def preferences_signature(token: str) -> str:
    return signing.Signer(salt=PREFERENCES_SALT).sign(token)


def token_from_preferences_signature(value: str) -> str:
    try:
        return signing.Signer(salt=PREFERENCES_SALT).unsign(value)
    except signing.BadSignature as exc:
        raise LinkError() from exc


def _absolute(path: str) -> str:
    return f"{settings.BASE_URL}{path}"


def confirm_url(token: str, language: str) -> str:
    with translation.override(language):
        return _absolute(reverse("newsletter_public:confirm", args=[confirm_signature(token)]))


def preferences_url(token: str, language: str) -> str:
    with translation.override(language):
        path = reverse("newsletter_public:preferences", args=[preferences_signature(token)])
    return _absolute(path)


def unsubscribe_url(token: str) -> str:
    return _absolute(reverse("newsletter:one_click_unsubscribe", args=[token]))


class LinkFactory:
    """Per-language URL templates computed once, then filled per recipient by substitution.

    ``reverse()`` and ``translation.override()`` per recipient would dominate a 100,000-address
    send; the URL shape never changes within a send, only the token.
    """

    _MARK = "TOKEN-PLACEHOLDER"

    def __init__(self, language: str) -> None:
        with translation.override(language):
            self._preferences = _absolute(
                reverse("newsletter_public:preferences", args=[self._MARK])
            )
        self._unsubscribe = _absolute(
            reverse("newsletter:one_click_unsubscribe", args=[self._MARK])
        )
        self._signer = signing.Signer(salt=PREFERENCES_SALT)

    def preferences(self, token: str) -> str:
        return self._preferences.replace(self._MARK, self._signer.sign(token))

    def unsubscribe(self, token: str) -> str:
        return self._unsubscribe.replace(self._MARK, token)
