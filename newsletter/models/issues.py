"""The newsletter archive: an index page per language and one page per issue.

The published issue page *is* the web version; the email is rendered from the same page by
``newsletter.emails`` so the archive and the inbox never disagree.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from pages.models.base import BasePage

from ..blocks import IssueBodyBlock

ISSUES_PER_PAGE = 12


class NewsletterIndexPage(BasePage):
    """The archive of past issues, newest first, with the sign-up form."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=600,
        help_text=_("A short paragraph above the list of past issues and the sign-up form."),
    )

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    subpage_types = ["newsletter.NewsletterIssuePage"]
    max_count_per_parent = 1
    template = "newsletter/newsletter_index_page.html"

    class Meta:
        verbose_name = _("newsletter archive")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        issues = (
            NewsletterIssuePage.objects.child_of(self)
            .live()
            # Not .public(): it runs an extra query for every restriction on the site. The archive
            # itself is checked by serve(); this drops issues that carry their own restriction.
            .exclude(view_restrictions__isnull=False)
            .order_by("-issue_date", "-pk")
            .only("title", "url_path", "issue_date", "preheader", "locale_id", "path", "depth")
        )
        number = _page_number(request.GET.get("page"))
        start = (number - 1) * ISSUES_PER_PAGE
        # One row more than a page tells whether older issues exist, without a COUNT query.
        rows = list(issues[start : start + ISSUES_PER_PAGE + 1])
        context["issues"] = rows[:ISSUES_PER_PAGE]
        context["newer_page"] = number - 1 if number > 1 else None
        context["older_page"] = number + 1 if len(rows) > ISSUES_PER_PAGE else None
        return context


def _page_number(raw: str | None) -> int:
    """A page number from the query string; anything odd means the first page."""
    try:
        return max(1, min(int(raw or 1), 10_000))
    except ValueError:
        return 1


class NewsletterIssuePage(BasePage):
    """One issue. ``preheader`` is the grey line mail apps show after the subject."""

    issue_date = models.DateField(
        _("issue date"),
        default=timezone.localdate,
        help_text=_("Shown on the issue; the archive lists issues newest first by this date."),
    )
    preheader = models.CharField(
        _("preheader"),
        max_length=150,
        blank=True,
        help_text=_("One sentence shown after the subject in most inboxes."),
    )
    body = StreamField(
        IssueBodyBlock(),
        verbose_name=_("body"),
        help_text=_(
            "The content of the email and of its web version; only blocks that look the same "
            "in every mail app are offered."
        ),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("issue_date"),
        FieldPanel("preheader"),
        FieldPanel("body"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("preheader"),
        index.SearchField("body"),
    ]
    parent_page_types = ["newsletter.NewsletterIndexPage"]
    subpage_types: list[str] = []
    template = "newsletter/newsletter_issue_page.html"
    meta_description_sources = ("preheader",)

    class Meta:
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")
