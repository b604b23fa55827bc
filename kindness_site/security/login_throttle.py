"""Admin sign-in throttling with django-axes: locks scoped to one user name at one address.

django-axes counts failed sign-ins (in the database, so every process and node agrees) and refuses
further attempts for ``LOGIN_LOCKOUT_SECONDS`` once ``LOGIN_FAILURES_PER_USER`` have failed for
the same *user name from the same client address* (``AXES_LOCKOUT_PARAMETERS``). A lock therefore
only ever stands between one address and one account, after failures with that account's name:

- correct credentials are never refused because of failures under other names. A per-address lock
  (the one this replaced) let anyone behind the same proxy or NAT, or an attacker spraying 30
  names, lock every editor out;
- an attacker elsewhere cannot lock a colleague out by guessing their name;
- unknown and existing names are counted and answered alike, so the lock reveals no account.

The client address is :func:`~kindness_site.security.client_address.client_ip` (proxy-aware),
the same as every other limit. Guessing across many addresses is then bounded by the second
factor, which has its own per-user limit (``OTP_VERIFY_ATTEMPTS_PER_WINDOW``).
"""

from __future__ import annotations

import math
from typing import Any

from axes.helpers import get_cool_off
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from . import ratelimit
from .client_address import UNKNOWN, client_ip


def username(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """The name an attempt is counted under (``AXES_USERNAME_CALLABLE``): trimmed and case-folded,
    so ``Editor`` and ``editor `` share one counter instead of giving a guesser more tries."""
    raw = (credentials or {}).get("username") or request.POST.get("username", "")
    return str(raw).strip().casefold()[:254]


def client_address(request: HttpRequest) -> str | None:
    """The address attempts are counted under (``AXES_CLIENT_IP_CALLABLE``): ``client_ip``, or
    None when there is none (a request built in code, as ``force_login`` makes). axes stores it in
    an IP address column, which PostgreSQL refuses to compare with the word ``unknown``."""
    address = client_ip(request)
    return None if address == UNKNOWN else address


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict[str, Any] | None
) -> HttpResponse:
    """The site's 429 page with ``Retry-After`` (``AXES_LOCKOUT_CALLABLE``), the same whatever the
    name, so the lock cannot be used to find out which accounts exist."""
    cool_off = get_cool_off(request)
    seconds = math.ceil(cool_off.total_seconds()) if cool_off else 60
    return ratelimit.too_many_requests(
        request, seconds, _("Too many failed sign-in attempts. Please wait and try again.")
    )
