"""Every signed-in user in the admin must have passed the second factor in this session."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.urls import reverse

from .twofactor import has_second_factor

# Views a signed-in but unverified user may still reach: signing in and out, the two-factor
# views themselves and the admin's JavaScript translations those pages load.
EXEMPT_VIEWS = frozenset(
    {
        "wagtailadmin_login",
        "wagtailadmin_logout",
        "wagtailadmin_javascript_catalog",
        "wagtailadmin_sprite",
        "security:otp_setup",
        "security:otp_verify",
    }
)


class AdminOTPRequiredMiddleware:
    """Sends staff who have not passed two-factor verification to set up or verify a code.

    Must come after django-otp's ``OTPMiddleware`` (which adds ``user.is_verified``). Switched off
    only by ``OTP_REQUIRED=false``, which the README reserves for local development.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., HttpResponseBase],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponseBase | None:
        if not settings.OTP_REQUIRED or not request.path.startswith(
            tuple(settings.ADMIN_PATH_PREFIXES)
        ):
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified():
            return None
        match = request.resolver_match
        if match is not None and match.view_name in EXEMPT_VIEWS:
            return None
        target = "security:otp_verify" if has_second_factor(user) else "security:otp_setup"
        query = urlencode({"next": request.get_full_path()})
        return HttpResponseRedirect(f"{reverse(target)}?{query}")
