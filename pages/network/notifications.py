"""Emails to staff about things that need a person (new network applications)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .models import Member

logger = logging.getLogger(__name__)


def notify_staff_of_application(member: Member) -> bool:
    """Tell staff a new application waits for approval; True when the email went out.

    Sending is best effort: the application is already stored, so a mail outage must not lose it
    or show the applicant an error. Staff read in the site's default language.
    """
    recipients = list(getattr(settings, "STAFF_NOTIFICATION_EMAILS", []))
    if not recipients:
        return False
    edit_path = reverse("wagtailsnippets_pages_member:edit", args=[member.pk])
    with translation.override(settings.LANGUAGE_CODE):
        context = {"member": member, "edit_url": f"{settings.WAGTAILADMIN_BASE_URL}{edit_path}"}
        subject = render_to_string("pages/email/network_application_subject.txt", context).strip()
        body = render_to_string("pages/email/network_application.txt", context)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    except Exception:  # the provider is down or misconfigured; the row is safe
        logger.exception("Could not email staff about network application %s", member.pk)
        return False
    return True
