"""Submitting a page to moderation from the page explorer.

Why: wagtail-localize replaces an Italian page's edit screen with its translation editor, which
can save or publish but has no "Submit to moderation" action, so a translator (who may not
publish) had no way to send a finished translation to the Moderators. The explorer's "More
options" menu of a page with unsaved-for-the-public changes now offers it, for any staff member
who may edit the page, through Wagtail's own ``Workflow.start`` (so the audit log, the
notifications and the "awaiting your review" panel work as for a submission from the editor).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.widgets import Button
from wagtail.models import Page


def localize_translation(page: Page) -> Any | None:
    """The wagtail-localize translation that produces this page, when it is one.

    Its editor keeps the translated sentences aside and writes them into the page only when
    publishing; submitting must first write them into a draft revision (``save_target``), or
    the Moderators would approve the page without its translation.
    """
    from wagtail_localize.models import Translation

    return (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .select_related("source")
        .first()
    )


def can_submit(page: Page, user: Any) -> bool:
    """Whether ``user`` may send the page's latest draft to its workflow now."""
    if not (page.has_unpublished_changes or localize_translation(page) is not None):
        return False
    permissions = page.permissions_for_user(user)
    return bool(permissions.can_edit() and permissions.can_submit_for_moderation())


def submit_view(request: HttpRequest, page_id: int) -> HttpResponse:
    """GET asks for confirmation; POST starts the page's workflow on its latest revision."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not can_submit(page, request.user):
        raise PermissionDenied
    workflow = page.get_workflow()
    back = reverse("wagtailadmin_explore", args=[page.get_parent().pk])
    if request.method == "POST":
        translation = localize_translation(page)
        if translation is not None:
            translation.save_target(user=request.user, publish=False)
            page.refresh_from_db()
        workflow.start(page, request.user)
        messages.success(
            request,
            _("'%(title)s' was submitted to %(workflow)s.")
            % {"title": page.get_admin_display_title(), "workflow": workflow.name},
        )
        return HttpResponseRedirect(back)
    return TemplateResponse(
        request,
        "kindness_site/editors/submit_for_moderation.html",
        {"page": page, "workflow": workflow, "back_url": back, "view_title": workflow.name},
    )


def listing_button(page: Page, user: Any, next_url: str | None = None) -> Iterator[Button]:
    """ "Submit to <workflow>" in the explorer's "More options" menu of a submittable page."""
    if can_submit(page, user):
        yield Button(
            gettext_lazy("Submit to %(workflow)s") % {"workflow": page.get_workflow().name},
            reverse("kindness_editors_submit", args=[page.pk]),
            icon_name="tasks",
            priority=15,
        )
