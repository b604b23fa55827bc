"""Public newsletter views: sign-up, confirmation, preferences and one-click unsubscribe.

Every answer about an address is the same whether or not the address was known, so the site
cannot be used to find out who subscribes.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from kindness_site.security.client_address import client_ip
from kindness_site.security.ratelimit import hit

from . import subscriptions
from .forms import PreferencesForm, SignupForm, areas_for_language
from .links import LinkError, token_from_confirm_signature, token_from_preferences_signature
from .models import Subscriber, SubscriberStatus
from .normalise import email_digest
from .subscriptions import Origin
from .tasks import send_signup_email

HOUR = 3600


def _too_many(request: HttpRequest, form: SignupForm, retry_after: int) -> HttpResponse:
    response = render(
        request,
        "newsletter/subscribe.html",
        {
            "form": form,
            "error": _("Too many attempts. Please try again in a few minutes."),
        },
        status=429,
    )
    response["Retry-After"] = str(retry_after)
    return response


@csrf_exempt  # see the docstring
@never_cache
@require_http_methods(["GET", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    """Sign-up form (GET) and sign-up (POST).

    CSRF-exempt on purpose: the form sits in cached pages (a per-visitor CSRF token would break
    caching), and a forged sign-up can do nothing a direct POST could not: only a confirmation
    request is sent, and honeypot, time trap and rate limits still apply.
    """
    if request.method == "GET":
        return render(request, "newsletter/subscribe.html", {"form": SignupForm()})

    form = SignupForm(request.POST)
    retry = hit("ip", client_ip(request), settings.NEWSLETTER_SIGNUPS_PER_IP_PER_HOUR, HOUR)
    if retry:
        return _too_many(request, SignupForm(), retry)
    if request.POST.get("website"):
        # A bot filled the honeypot: answer like a success so it learns nothing.
        return HttpResponseRedirect(reverse("newsletter_public:subscribe_thanks"), status=303)
    if not form.is_valid():
        return render(request, "newsletter/subscribe.html", {"form": form}, status=400)
    if form.is_bot:
        fresh = SignupForm(initial=form.cleaned_data)
        error = _(
            "Sorry, we could not accept the form. Please check the details and send it again."
        )
        return render(
            request, "newsletter/subscribe.html", {"form": fresh, "error": error}, status=400
        )

    email = form.cleaned_data["email"]
    retry = hit(
        "address", email_digest(email), settings.NEWSLETTER_SIGNUPS_PER_ADDRESS_PER_HOUR, HOUR
    )
    if retry:
        return _too_many(request, form, retry)

    origin = Origin.from_request(request, form.cleaned_data.get("source") or "page")
    with transaction.atomic():
        subscriber, kind = subscriptions.request_signup(
            email, form.cleaned_data["language"], form.cleaned_data.get("topics") or [], origin
        )
        if subscriber is not None and kind:
            pk = subscriber.pk
            transaction.on_commit(lambda: send_signup_email.enqueue(pk, kind))
    return HttpResponseRedirect(reverse("newsletter_public:subscribe_thanks"), status=303)


def subscribe_thanks(request: HttpRequest) -> HttpResponse:
    """The same page for every outcome, so it reveals nothing about the address."""
    days = settings.NEWSLETTER_CONFIRM_MAX_AGE_DAYS
    return render(request, "newsletter/subscribe_thanks.html", {"max_age_days": days})


def _link_error(request: HttpRequest, error: LinkError) -> HttpResponse:
    if error.expired:
        message = _("This confirmation link has expired. Please sign up again to get a new one.")
    else:
        message = _("This link is not valid. Please copy the whole link from the email.")
    return render(request, "newsletter/link_error.html", {"message": message}, status=400)


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, signature: str) -> HttpResponse:
    """GET shows a button, POST confirms: mail scanners that open links confirm nobody."""
    try:
        token = token_from_confirm_signature(signature)
    except LinkError as error:
        return _link_error(request, error)
    subscriber = Subscriber.objects.filter(token=token).first()
    if subscriber is None:
        return _link_error(request, LinkError())
    if request.method == "POST":
        subscriptions.confirm(subscriber, Origin.from_request(request, "confirmation link"))
        return render(request, "newsletter/confirmed.html", {"subscriber": subscriber})
    if subscriber.receives_issues:
        return render(request, "newsletter/confirmed.html", {"subscriber": subscriber})
    return render(request, "newsletter/confirm.html", {"subscriber": subscriber})


def _subscriber_from_preferences(signature: str) -> Subscriber:
    token = token_from_preferences_signature(signature)
    subscriber = Subscriber.objects.filter(token=token).first()
    if subscriber is None:
        raise LinkError()
    return subscriber


@never_cache
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest, signature: str) -> HttpResponse:
    """Change language, topics and pause; unsubscribe; links to data download and erasure."""
    try:
        subscriber = _subscriber_from_preferences(signature)
    except LinkError as error:
        return _link_error(request, error)
    origin = Origin.from_request(request, "preferences page")
    if request.method == "POST" and request.POST.get("action") == "unsubscribe":
        subscriptions.unsubscribe(subscriber, origin)
        return render(request, "newsletter/unsubscribed.html", {"subscriber": subscriber})
    if request.method == "POST" and request.POST.get("action") == "resubscribe":
        subscriptions.confirm(subscriber, origin)
        messages.success(request, _("Welcome back: you will receive the next issues."))
        return HttpResponseRedirect(request.path, status=303)
    if request.method == "POST":
        form = PreferencesForm(request.POST)
        if form.is_valid():
            subscriptions.change_preferences(
                subscriber,
                form.cleaned_data["language"],
                form.cleaned_data["topics"],
                form.cleaned_data["paused"],
                origin,
            )
            messages.success(request, _("Your preferences have been saved."))
            return HttpResponseRedirect(request.path, status=303)
        status = 400
    else:
        form = PreferencesForm(
            initial={
                "language": subscriber.language,
                "topics": _topics_in_active_language(subscriber),
                "paused": subscriber.status == SubscriberStatus.PAUSED,
            }
        )
        status = 200
    context = {"subscriber": subscriber, "form": form, "signature": signature}
    return render(request, "newsletter/preferences.html", context, status=status)


def _topics_in_active_language(subscriber: Subscriber) -> list[int]:
    """The subscriber's topics as areas of the page's language (stored ones may be another)."""
    keys = [a.translation_key for a in subscriber.topics.all()]
    return list(areas_for_language().filter(translation_key__in=keys).values_list("pk", flat=True))


@never_cache
@require_http_methods(["GET"])
def download_data(request: HttpRequest, signature: str) -> HttpResponse:
    try:
        subscriber = _subscriber_from_preferences(signature)
    except LinkError as error:
        return _link_error(request, error)
    body = json.dumps(subscriptions.export_data(subscriber), indent=2, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-newsletter-data.json"'
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def erase(request: HttpRequest, signature: str) -> HttpResponse:
    """GET asks for confirmation; POST with the box ticked erases."""
    try:
        subscriber = _subscriber_from_preferences(signature)
    except LinkError as error:
        return _link_error(request, error)
    context = {"subscriber": subscriber, "signature": signature}
    if request.method == "POST":
        if request.POST.get("confirm") != "yes":
            context["error"] = _("Tick the box to confirm that you want your data erased.")
            return render(request, "newsletter/erase.html", context, status=400)
        subscriptions.erase(subscriber, Origin(source="preferences page"))
        return render(request, "newsletter/erased.html")
    return render(request, "newsletter/erase.html", context)


@csrf_exempt  # RFC 8058: mail providers POST without a CSRF token
@never_cache
@require_http_methods(["GET", "POST"])
def one_click_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """RFC 8058 one-click unsubscribe.

    POST (form-urlencoded or multipart, from the mail app or our own button) unsubscribes and
    answers 200 without a redirect; repeating it changes nothing. GET only shows a page with the
    button, because link scanners fetch every URL in an email.
    """
    subscriber = Subscriber.objects.filter(token=token).first()
    language = subscriber.language if subscriber else translation.get_language()
    with translation.override(language):
        if request.method == "POST":
            if subscriber is not None:
                via = (
                    "one-click (mail app)"
                    if "List-Unsubscribe" in request.POST
                    else "one-click page"
                )
                subscriptions.unsubscribe(subscriber, Origin.from_request(request, via))
            return render(request, "newsletter/unsubscribed.html", {"subscriber": subscriber})
        return render(
            request,
            "newsletter/unsubscribe_confirm.html",
            {"subscriber": subscriber, "token": token},
        )
