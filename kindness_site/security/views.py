"""Admin two-factor views: set up an authenticator, verify a code, renew recovery codes.

They live under /admin/ so they get the admin CSP (the QR code is a ``data:`` image) and look like
Wagtail's sign-in page; none of them is cached (``never_cache``) because they show secrets.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from . import ratelimit, twofactor
from .forms import TokenForm

if TYPE_CHECKING:
    from .twofactor import OTPRequest

VERIFY_SCOPE = "otp-verify"


def _next_url(request: HttpRequest) -> str:
    """Where to go after verification: ``next`` when it is a local URL, else the admin home."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("wagtailadmin_home")


def _verify_limited(request: HttpRequest) -> HttpResponse | None:
    """At most OTP_VERIFY_ATTEMPTS_PER_WINDOW codes per user per window, on top of django-otp's
    own per-device delays: six digits must not be guessable by brute force."""
    wait = ratelimit.hit(
        VERIFY_SCOPE,
        str(request.user.pk),
        settings.OTP_VERIFY_ATTEMPTS_PER_WINDOW,
        settings.LOGIN_FAILURE_WINDOW_SECONDS,
    )
    if wait is None:
        return None
    return ratelimit.too_many_requests(
        request, wait, _("Too many codes tried. Please wait and try again.")
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def otp_setup(request: OTPRequest) -> HttpResponse:
    """Scan a QR code (or type the secret), confirm with one code, receive recovery codes."""
    user = request.user
    if twofactor.has_second_factor(user):
        if user.is_verified():
            return HttpResponseRedirect(_next_url(request))
        # An authenticator exists: prove you have it first; a password alone cannot replace it.
        return HttpResponseRedirect(f"{reverse('security:otp_verify')}?{request.GET.urlencode()}")
    device = twofactor.pending_authenticator(user)
    form = TokenForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if (limited := _verify_limited(request)) is not None:
            return limited
        token = form.cleaned_data.get("token", "") if form.is_valid() else ""
        if token.isdigit() and device.verify_token(token):
            codes = twofactor.confirm_authenticator(device)
            otp_login(request, device)
            return render(
                request,
                "kindness_site/security/recovery_codes.html",
                {"codes": codes, "next": _next_url(request), "first_time": True},
            )
        form.add_error(
            "token",
            _("That code is not right. Check the time on your phone and try the newest code."),
        )
        status = 400
    return render(
        request,
        "kindness_site/security/otp_setup.html",
        {
            "form": form,
            "qr_code": twofactor.qr_code_data_uri(device.config_url),
            "secret": twofactor.secret_base32(device),
            "next": _next_url(request),
        },
        status=status,
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def otp_verify(request: OTPRequest) -> HttpResponse:
    """Enter a code from the authenticator (or a recovery code) to unlock the admin."""
    user = request.user
    if not twofactor.has_second_factor(user):
        return HttpResponseRedirect(f"{reverse('security:otp_setup')}?{request.GET.urlencode()}")
    if user.is_verified():
        return HttpResponseRedirect(_next_url(request))
    form = TokenForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if (limited := _verify_limited(request)) is not None:
            return limited
        device = twofactor.verify(user, form.cleaned_data["token"]) if form.is_valid() else None
        if device is not None:
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                left = twofactor.recovery_codes_left(user)
                messages.warning(
                    request,
                    ngettext(
                        "You used a recovery code; %(count)d is left.",
                        "You used a recovery code; %(count)d are left.",
                        left,
                    )
                    % {"count": left},
                )
            return HttpResponseRedirect(_next_url(request))
        if form.is_valid():
            form.add_error("token", _("That code is not valid."))
        status = 400
    return render(
        request,
        "kindness_site/security/otp_verify.html",
        {"form": form, "next": _next_url(request)},
        status=status,
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def recovery_codes(request: OTPRequest) -> HttpResponse:
    """How many recovery codes are left; POST replaces them all with a new set (shown once).

    Reached only by verified users: the two-factor middleware guards every /admin/ view except
    set-up and verification.
    """
    if request.method == "POST":
        codes = twofactor.new_recovery_codes(request.user)
        return render(
            request,
            "kindness_site/security/recovery_codes.html",
            {"codes": codes, "next": reverse("wagtailadmin_home"), "first_time": False},
        )
    return render(
        request,
        "kindness_site/security/recovery_codes.html",
        {"left": twofactor.recovery_codes_left(request.user), "next": reverse("wagtailadmin_home")},
    )
