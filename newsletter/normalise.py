"""One normal form for email addresses, and the keyed hash kept after erasure.

The domain is case-insensitive by standard and the local part is treated as such by every
mainstream provider, so the whole address is lower-cased: ``Ada@Example.org`` and
``ada@example.org`` are one subscriber.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import unicodedata

from django.conf import settings


def normalise_email(address: str) -> str:
    """Trim, NFC-normalise, lower-case and IDNA-encode the domain."""
    address = unicodedata.normalize("NFC", address.strip())
    local, _, domain = address.rpartition("@")
    with contextlib.suppress(UnicodeError):  # keep odd domains as typed; validation said ok
        domain = domain.encode("idna").decode("ascii")
    return f"{local}@{domain}".lower()


def email_digest(address: str) -> str:
    """HMAC-SHA256 of the normalised address keyed with SECRET_KEY (not reversible offline)."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, normalise_email(address).encode(), hashlib.sha256).hexdigest()
