"""Public newsletter views: sign-up (the rest lands in the following modules)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from .forms import SignupForm


@csrf_exempt  # see subscribe.__doc__
@require_http_methods(["GET", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    """Sign-up form (GET) and sign-up (POST).

    CSRF-exempt on purpose: the form sits in cached pages (a per-visitor CSRF token would break
    caching), and a forged sign-up can do nothing a direct POST could not, because nothing is sent
    but a confirmation request, and honeypot, time trap and rate limits still apply.
    """
    if request.method == "GET":
        return render(request, "newsletter/subscribe.html", {"form": SignupForm()})
    form = SignupForm(request.POST, with_topics="topics" in request.POST)
    if not form.is_valid():
        return render(request, "newsletter/subscribe.html", {"form": form}, status=400)
    return HttpResponseRedirect(reverse("newsletter_public:subscribe_thanks"))


def subscribe_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "newsletter/subscribe_thanks.html")
