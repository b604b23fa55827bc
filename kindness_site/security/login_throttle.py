"""Admin sign-in throttling and lockout that reveals nothing about which accounts exist.

Failures are counted per (submitted user name, client address) and per client address, whether or
not the user name exists: an unknown name is locked exactly like a real one after the same number
of attempts, and the 429 page never mentions the account. Django's ModelBackend already hashes a
dummy password for unknown users, so timing does not tell them apart either.

Keying on the name *and* the address means an attacker cannot lock a colleague out from
elsewhere by guessing their name; the per-address limit catches one address spraying many names.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models import Model
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from . import ratelimit

USER_SCOPE = "login-user"
IP_SCOPE = "login-ip"


def _username(value: object) -> str:
    return str(value or "").strip().casefold()[:254]


def _user_ident(username: object, ip: str) -> str:
    return f"{_username(username)}|{ip}"


def record_failure(username: object, ip: str) -> None:
    """Count one failed sign-in; lock the name+address or the address when over the limit."""
    window = settings.LOGIN_FAILURE_WINDOW_SECONDS
    lockout = settings.LOGIN_LOCKOUT_SECONDS
    ident = _user_ident(username, ip)
    if ratelimit.hit(USER_SCOPE, ident, settings.LOGIN_FAILURES_PER_USER - 1, window) is not None:
        ratelimit.lock(USER_SCOPE, ident, lockout)
    if ratelimit.hit(IP_SCOPE, ip, settings.LOGIN_FAILURES_PER_IP - 1, window) is not None:
        ratelimit.lock(IP_SCOPE, ip, lockout)


def locked_for(username: object, ip: str) -> int | None:
    """Seconds before this name may try again from this address, or None."""
    waits = [
        ratelimit.locked_for(USER_SCOPE, _user_ident(username, ip)),
        ratelimit.locked_for(IP_SCOPE, ip),
    ]
    return max((w for w in waits if w is not None), default=None)


@receiver(user_login_failed)
def _on_login_failed(
    sender: str, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: object
) -> None:
    if request is not None:
        record_failure(credentials.get("username"), ratelimit.client_ip(request))


@receiver(user_logged_in)
def _on_logged_in(
    sender: type[Model], request: HttpRequest | None, user: AbstractBaseUser, **kwargs: object
) -> None:
    """A correct password clears this name's counter from this address (not the address's)."""
    if request is not None:
        ident = _user_ident(user.get_username(), ratelimit.client_ip(request))
        ratelimit.unlock(USER_SCOPE, ident)
        ratelimit.reset(USER_SCOPE, ident, settings.LOGIN_FAILURE_WINDOW_SECONDS)


class LoginThrottleMiddleware:
    """Answers 429 to sign-in attempts from a locked name+address or address, before the
    password is even checked (so a locked attacker learns nothing from further guesses)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST" and request.path == reverse("wagtailadmin_login"):
            wait = locked_for(request.POST.get("username"), ratelimit.client_ip(request))
            if wait is not None:
                return ratelimit.too_many_requests(
                    request,
                    wait,
                    _("Too many failed sign-in attempts. Please wait and try again."),
                )
        return self.get_response(request)
