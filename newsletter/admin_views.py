"""Admin views: email preview per language, test send, sends (create, progress, controls), import.

Editing an issue needs page permissions; starting, pausing, resuming or cancelling a send needs
the separate ``newsletter.send_newsletter`` permission, so editors can write without mailing.
"""

from __future__ import annotations

from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
)
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from pages.models import Area

from . import emails, sending
from .charts import Bar, bar_chart
from .imports import import_csv
from .links import LinkFactory
from .models import NewsletterIssuePage, Send, SendStatus
from .subscriptions import Origin
from .tasks import send_signup_email

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    class StaffRequest(HttpRequest):
        """A request to a view behind the admin's login: ``user`` is signed in."""

        user: User


SEND_PERMISSION = "newsletter.send_newsletter"


def _issue_for_editor(request: HttpRequest, page_id: int) -> NewsletterIssuePage:
    issue = get_object_or_404(NewsletterIssuePage, pk=page_id)
    if not issue.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return issue


def _translation(issue: NewsletterIssuePage, language: str) -> NewsletterIssuePage:
    page = (
        NewsletterIssuePage.objects.filter(
            translation_key=issue.translation_key, locale__language_code=language
        )
        .select_related("locale")
        .first()
    )
    if page is None:
        raise Http404(_("This issue has no version in that language yet."))
    return page.get_latest_revision_as_object() if page.has_unpublished_changes else page


def preview_email(request: HttpRequest, page_id: int, language: str) -> HttpResponse:
    """The email exactly as subscribers get it (latest draft), with sample links."""
    issue = _translation(_issue_for_editor(request, page_id), language)
    rendered = emails.render_issue(issue)
    personal = emails.personalise(rendered, LinkFactory(language), "preview-token")
    if request.GET.get("format") == "text":
        return HttpResponse(personal.text, content_type="text/plain; charset=utf-8")
    response = HttpResponse(personal.html)
    response["X-Email-Size"] = str(rendered.size)
    return response


@require_POST
def send_test(request: StaffRequest, page_id: int) -> HttpResponse:
    """ "Send a test to me": every language of the issue to the editor's own address."""
    issue = _issue_for_editor(request, page_id)
    if not request.user.email:
        messages.error(request, _("Your account has no email address; add one in your profile."))
        return HttpResponseRedirect(reverse("wagtailadmin_pages:edit", args=[page_id]))
    languages = [code for code, _name in settings.LANGUAGES]
    sent = []
    for language in languages:
        try:
            page = _translation(issue, language)
        except Http404:
            continue
        rendered = emails.render_issue(page)
        personal = emails.personalise(rendered, LinkFactory(language), "test-token")
        emails.issue_message(
            rendered, personal, request.user.email, subject_prefix="[TEST] "
        ).send()
        sent.append(language)
    messages.success(
        request,
        _("Test sent to %(email)s (%(languages)s).")
        % {"email": request.user.email, "languages": ", ".join(sent)},
    )
    return HttpResponseRedirect(reverse("wagtailadmin_pages:edit", args=[page_id]))


class SendForm(forms.Form):
    languages = forms.MultipleChoiceField(
        label=gettext_lazy("Languages"),
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy(
            "Each subscriber gets the issue in their language; it must be published in every "
            "language ticked."
        ),
    )
    topics = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Only subscribers interested in (optional)"),
        queryset=Area.objects.filter(locale__language_code=settings.LANGUAGE_CODE),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Leave all unticked to send to every confirmed subscriber."),
    )
    scheduled_at = forms.DateTimeField(
        label=gettext_lazy("Send at (leave empty to send now)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text=gettext_lazy("Date and time in the site's time zone."),
    )

    def clean_scheduled_at(self) -> datetime | None:
        value: datetime | None = self.cleaned_data.get("scheduled_at")
        if value and value < timezone.now():
            raise forms.ValidationError(gettext_lazy("Choose a time in the future."))
        return value


@permission_required(SEND_PERMISSION, raise_exception=True)
def create_send(request: StaffRequest, page_id: int) -> HttpResponse:
    issue = _issue_for_editor(request, page_id)
    form = SendForm(request.POST or None, initial={"languages": [issue.locale.language_code]})
    if request.method == "POST" and form.is_valid():
        languages = form.cleaned_data["languages"]
        try:
            sending.issue_translations(issue, languages)
        except sending.SendError as error:
            form.add_error("languages", str(error))
        else:
            with transaction.atomic():
                send = Send.objects.create(
                    issue=issue,
                    languages=languages,
                    scheduled_at=form.cleaned_data["scheduled_at"],
                    status=SendStatus.SCHEDULED
                    if form.cleaned_data["scheduled_at"]
                    else SendStatus.DRAFT,
                    created_by=request.user,
                )
                send.topics.set(form.cleaned_data["topics"])
                if send.status == SendStatus.SCHEDULED:
                    transaction.on_commit(lambda: sending.schedule(send))
                else:
                    sending.start_send(send.pk)
            messages.success(request, _("The send has been created."))
            return HttpResponseRedirect(reverse("newsletter_admin:send_detail", args=[send.pk]))
    return render(
        request,
        "newsletter/admin/send_form.html",
        {"issue": issue, "form": form, "languages": settings.LANGUAGES},
        status=400 if form.is_bound else 200,
    )


def send_list(request: HttpRequest) -> HttpResponse:
    sends = Send.objects.select_related("issue").order_by("-created_at")[:100]
    return render(request, "newsletter/admin/send_list.html", {"sends": sends})


def send_detail(request: HttpRequest, send_id: int) -> HttpResponse:
    send = get_object_or_404(Send.objects.select_related("issue"), pk=send_id)
    figures = sending.figures(send)
    bars = [
        Bar(_("Queued"), figures["queued"]),
        Bar(_("Sent"), figures["sent"]),
        Bar(_("Delivered"), figures["delivered"]),
        Bar(_("Opened"), figures["opens"]),
        Bar(_("Clicked"), figures["clicks"]),
        Bar(_("Bounced"), figures["bounced"]),
        Bar(_("Complaints"), figures["complaints"]),
        Bar(_("Failed"), figures["failed"]),
        Bar(_("Unknown"), figures["unknown"]),
    ]
    done = figures["total"] - figures["queued"] - figures["claimed"] - figures["sending"]
    context = {
        "send": send,
        "figures": figures,
        "chart": bar_chart(bars, title=_("Delivery figures")),
        "progress": round(100 * done / figures["total"]) if figures["total"] else 100,
        "can_send": request.user.has_perm(SEND_PERMISSION),
        "unknown": send.deliveries.filter(status="unknown").order_by("pk")[:200],
    }
    return render(request, "newsletter/admin/send_detail.html", context)


@require_POST
@permission_required(SEND_PERMISSION, raise_exception=True)
def control_send(request: HttpRequest, send_id: int, action: str) -> HttpResponse:
    send = get_object_or_404(Send, pk=send_id)
    if action == "pause":
        sending.pause(send, reason=_("Paused by %(user)s") % {"user": request.user.get_username()})
    elif action == "resume":
        sending.resume(send)
    elif action == "cancel":
        sending.cancel(send)
    elif action == "start" and send.status in (SendStatus.DRAFT, SendStatus.SCHEDULED):
        sending.start_send(send.pk)
    else:
        return HttpResponseBadRequest(_("Unknown action."))
    return HttpResponseRedirect(reverse("newsletter_admin:send_detail", args=[send.pk]))


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy(
            "Columns: email, language, topics (slugs separated by ;), consent_at, consent_source. "
            "Rows without consent_at receive a confirmation email (double opt-in)."
        ),
    )


@permission_required("newsletter.add_subscriber", raise_exception=True)
def import_subscribers(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > 10 * 1024 * 1024:
            form.add_error("file", _("The file is larger than 10 MB."))
        else:
            origin = Origin.from_request(request, f"admin import by {request.user.get_username()}")
            report = import_csv(upload.read(), origin)
            for pk in report.to_confirm:
                transaction.on_commit(partial(send_signup_email.enqueue, pk, "confirm"))
    failed = request.method == "POST" and (report is None or bool(report.errors))
    status = 400 if failed else 200
    return render(
        request, "newsletter/admin/import.html", {"form": form, "report": report}, status=status
    )
