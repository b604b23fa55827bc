"""Two-factor authentication for staff: a TOTP authenticator plus one-time recovery codes.

Built on django-otp's TOTP and static devices (wagtail-2fa does not support Wagtail 8). Each user
has at most one authenticator ("authenticator") and one set of recovery codes ("recovery"); a new
authenticator can only be set up before the first one is confirmed, or by an operator with
``manage.py create_totp_device --replace``, so a stolen password alone never lets anyone
attach their own authenticator to an account that already has one.
"""

from __future__ import annotations

from base64 import b32encode
from typing import TYPE_CHECKING

import segno
from django.contrib.auth.models import User
from django.db import transaction
from django.http import HttpRequest
from django_otp import verify_token as otp_verify_token
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

TOTP_DEVICE_NAME = "authenticator"
RECOVERY_DEVICE_NAME = "recovery"
RECOVERY_CODE_COUNT = 10


if TYPE_CHECKING:  # annotations only: what login_required and OTPMiddleware guarantee

    class OTPUser(User):
        """The signed-in user with the ``is_verified`` that django-otp's OTPMiddleware adds."""

        def is_verified(self) -> bool: ...

    class OTPRequest(HttpRequest):
        """A request to a ``login_required`` view behind OTPMiddleware."""

        user: OTPUser


def has_second_factor(user: User) -> bool:
    """True once the user has confirmed an authenticator (recovery codes alone do not count)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_authenticator(user: User) -> TOTPDevice:
    """The unconfirmed authenticator being set up; the same secret until it is confirmed, so
    reloading the set-up page does not invalidate a QR code already scanned."""
    device: TOTPDevice | None
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


@transaction.atomic
def confirm_authenticator(device: TOTPDevice) -> list[str]:
    """Mark the authenticator confirmed, drop other pending ones, and issue recovery codes."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    return new_recovery_codes(device.user)


@transaction.atomic
def new_recovery_codes(user: User) -> list[str]:
    """Replace the user's recovery codes with a fresh set and return them (shown once)."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def create_authenticator(user: User, *, replace: bool = False) -> TOTPDevice:
    """An operator's shortcut: a confirmed authenticator created on the server (used by
    ``create_totp_device``). Refuses to replace an existing one unless asked to."""
    existing = TOTPDevice.objects.filter(user=user)
    if existing.filter(confirmed=True).exists() and not replace:
        raise ValueError(f"{user.get_username()} already has an authenticator.")
    existing.delete()
    device: TOTPDevice = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=True)
    return device


def verify(user: User, token: str) -> Device | None:
    """The confirmed device that accepts ``token``, or None.

    Six digits go to the authenticator, anything else to the recovery codes, so a mistyped code
    of one kind never counts as a failure (and a growing delay) against the other. Each device is
    checked through django-otp's ``verify_token``, so its own throttling applies; a recovery code
    is deleted when used.
    """
    model = TOTPDevice if token.isdigit() else StaticDevice
    for device in model.objects.filter(user=user, confirmed=True):
        verified: Device | None = otp_verify_token(user, device.persistent_id, token)
        if verified is not None:
            return verified
    return None


def secret_base32(device: TOTPDevice) -> str:
    """The secret as authenticator apps expect it when typed in by hand."""
    return b32encode(device.bin_key).decode("ascii").rstrip("=")


def qr_code_data_uri(url: str) -> str:
    """The otpauth URL as an SVG QR code in a ``data:`` URI (allowed by the admin CSP only)."""
    return segno.make(url, error="m").svg_data_uri(scale=5, border=2)
