"""A signed "form shown at" stamp: bots that post instantly or replay ancient forms are refused.

The stamp is signed so a bot cannot forge an old time; it carries no personal data, so a cached
page that embeds it stays safe to share between visitors.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core import signing

_SALT = "newsletter.timetrap"


def issue_stamp(now: float | None = None) -> str:
    """A signed token holding the current time, to embed in the rendered form."""
    return signing.dumps(int(now if now is not None else time.time()), salt=_SALT)


def stamp_age(token: str, now: float | None = None) -> float | None:
    """Seconds since the stamp was issued, or None when it is missing or tampered with."""
    try:
        issued = signing.loads(token, salt=_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(issued, int):
        return None
    return (now if now is not None else time.time()) - issued


def stamp_is_acceptable(token: str, now: float | None = None) -> bool:
    """True when the form was on screen long enough and not for too long."""
    age = stamp_age(token, now)
    if age is None:
        return False
    return settings.NEWSLETTER_FORM_MIN_SECONDS <= age <= settings.NEWSLETTER_FORM_MAX_SECONDS
