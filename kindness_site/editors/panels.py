"""Dashboard panels: what needs staff attention today, each shown to the role that acts on it.

Every panel is a small Wagtail ``Component`` with its own template, asks a fixed number of
queries whatever the size of the site, and reads its app's model through the app registry so the
dashboard keeps working while an app (or one of its models) is missing: the panel then says so
instead of failing. Wagtail's own "awaiting your review" panel stays as it is.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import BigIntegerField, Case, Count, Exists, Model, OuterRef, Q, Value, When
from django.db.models.functions import Cast
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import Page, ReferenceIndex
from wagtail.permission_policies.pages import PagePermissionPolicy

from newsletter.models import Delivery, Send, Subscriber
from pages.models import Member
from research.models import Reference
from research.models.reference import REQUIRED_BY_TYPE

from .translations import translation_status

LISTED = 8


def snippet_url(model: type[Model], action: str, *args: Any) -> str:
    """Admin URL of a registered snippet's view, or "" when it is not registered."""
    viewset = getattr(model, "snippet_viewset", None)
    if viewset is None:
        return ""
    try:
        return reverse(viewset.get_url_name(action), args=args)
    except NoReverseMatch:
        return ""


def can_edit_pages(user: Any) -> bool:
    return bool(PagePermissionPolicy().user_has_any_permission(user, ["add", "change", "publish"]))


class DashboardPanel(Component):
    """A dashboard panel with a heading, shown only to users for whom it is actionable."""

    name = ""
    order = 230
    heading: Any = ""

    def __init__(self, request: Any) -> None:
        self.request = request

    @classmethod
    def is_shown_to(cls, user: Any) -> bool:
        raise NotImplementedError

    def panel_data(self) -> dict[str, Any]:
        raise NotImplementedError

    def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
        return {
            "request": self.request,
            "panel_id": f"kindness-{self.name}",
            "heading": self.heading,
            **self.panel_data(),
        }


class PendingApplicationsPanel(DashboardPanel):
    name = "pending-applications"
    order = 225
    heading = _("Join applications waiting for approval")
    template_name = "kindness_site/editors/panels/pending_applications.html"

    @classmethod
    def is_shown_to(cls, user: Any) -> bool:
        return bool(user.has_perm("pages.change_member"))

    def panel_data(self) -> dict[str, Any]:
        # Status "pending" is kept in step with the workflow: waiting for a coordinator's step.
        pending = Member.objects.filter(status="pending", live=False).order_by("submitted_at", "pk")
        rows = list(pending.only("pk", "name", "kind", "country", "submitted_at")[:LISTED])
        for member in rows:
            member.edit_url = snippet_url(Member, "edit", member.pk)  # type: ignore[attr-defined]  # for the template
        list_url = snippet_url(Member, "list")
        return {
            "count": pending.count() if len(rows) == LISTED else len(rows),
            "members": rows,
            "list_url": f"{list_url}?status=pending" if list_url else "",
        }


class NewSubscribersPanel(DashboardPanel):
    name = "new-subscribers"
    order = 226
    heading = _("New newsletter subscribers this week")
    template_name = "kindness_site/editors/panels/new_subscribers.html"

    @classmethod
    def is_shown_to(cls, user: Any) -> bool:
        return bool(user.has_perm("newsletter.send_newsletter"))

    def panel_data(self) -> dict[str, Any]:
        week_ago = timezone.now() - datetime.timedelta(days=7)
        this_week = Q(created_at__gte=week_ago)
        figures = Subscriber.objects.aggregate(
            week_total=Count("pk", filter=this_week),
            week_confirmed=Count("pk", filter=this_week & Q(status="confirmed")),
            week_pending=Count("pk", filter=this_week & Q(status="pending")),
            confirmed_total=Count("pk", filter=Q(status="confirmed")),
        )
        return {"figures": figures}


class SendsInProgressPanel(DashboardPanel):
    name = "sends-in-progress"
    order = 227
    heading = _("Newsletter sends in progress")
    template_name = "kindness_site/editors/panels/sends_in_progress.html"
    active_statuses = ("scheduled", "running", "paused")

    @classmethod
    def is_shown_to(cls, user: Any) -> bool:
        return bool(user.has_perm("newsletter.send_newsletter"))

    def panel_data(self) -> dict[str, Any]:
        sends = list(
            Send.objects.filter(status__in=self.active_statuses)
            .select_related("issue")
            .order_by("-created_at")[:LISTED]
        )
        figures = (
            {
                row["send_id"]: row
                for row in Delivery.objects.filter(send__in=[s.pk for s in sends])
                .values("send_id")
                .annotate(
                    total=Count("pk"),
                    sent=Count("pk", filter=Q(status="sent")),
                    waiting=Count("pk", filter=Q(status__in=("queued", "sending"))),
                    failed=Count("pk", filter=Q(status__in=("failed", "unknown"))),
                    delivered=Count("pk", filter=Q(delivered=True)),
                    bounced=Count("pk", filter=Q(bounced=True)),
                    complained=Count("pk", filter=Q(complained=True)),
                    opened=Count("pk", filter=Q(opened=True)),
                )
                .order_by()
            }
            if sends
            else {}
        )
        empty = dict.fromkeys(
            ("total", "sent", "waiting", "failed", "delivered", "bounced", "complained", "opened"),
            0,
        )
        return {"sends": [(send, figures.get(send.pk, empty)) for send in sends]}


# What the Crossref check found, most serious first (research.checking's finding kinds).
FLAGS = [
    ("retraction", _("Retracted: see the notice on the edit page")),
    ("concern", _("Expression of concern: see the edit page")),
    ("correction", _("Corrected: see the notice on the edit page")),
    ("not-found", _("Crossref does not know its DOI")),
    ("differs", _("Differs from Crossref's record")),
]


class ReferencesNeedingAttentionPanel(DashboardPanel):
    name = "references-attention"
    order = 228
    heading = _("References to check")
    template_name = "kindness_site/editors/panels/references.html"

    @classmethod
    def is_shown_to(cls, user: Any) -> bool:
        return bool(user.has_perm("research.change_reference"))

    @staticmethod
    def missing_fields_q() -> Q:
        """Records that lack a year or a field their type requires (as ``Reference.clean`` says)."""
        condition = Q(issued_year__isnull=True) | Q(title="")
        for csl_type, fields in REQUIRED_BY_TYPE.items():
            blank = Q()
            for field_name in fields:
                blank |= Q(**{field_name: ""})
            condition |= Q(csl_type=csl_type) & blank
        return condition

    def panel_data(self) -> dict[str, Any]:
        incomplete = self.missing_fields_q()
        unverified = Q(verification_status="unverified")
        flagged = ~Q(check_findings=[])  # what research.checking found on Crossref
        figures = Reference.objects.aggregate(
            unverified=Count("pk", filter=unverified),
            incomplete=Count("pk", filter=incomplete),
            flagged=Count("pk", filter=flagged),
        )
        rows = list(
            Reference.objects.filter(incomplete | unverified | flagged)
            .annotate(
                is_incomplete=Case(When(incomplete, then=Value(1)), default=Value(0)),
                is_flagged=Case(When(flagged, then=Value(1)), default=Value(0)),
            )
            .only("pk", "title", "issued_year", "verification_status", "csl_type", "check_findings")
            .order_by("-is_flagged", "-is_incomplete", "title")[:LISTED]
        )
        for reference in rows:
            reference.edit_url = snippet_url(Reference, "edit", reference.pk)  # type: ignore[attr-defined]  # for the template
            kinds = {finding.get("kind") for finding in reference.check_findings or []}
            flag = next((label for kind, label in FLAGS if kind in kinds), "")
            reference.flag = flag  # type: ignore[attr-defined]  # for the template
        return {"figures": figures, "references": rows, "list_url": snippet_url(Reference, "list")}


class BrokenLinksPanel(DashboardPanel):
    """Links (rich text, choosers, foreign keys) from published content to pages that are gone.

    Wagtail's reference index keeps rows pointing at a page after the page is deleted or
    unpublished, so a visitor following them would find nothing: that is exactly the list.
    """

    name = "broken-links"
    order = 229
    heading = _("Links to unpublished or deleted pages")
    template_name = "kindness_site/editors/panels/broken_links.html"

    @classmethod
    def is_shown_to(cls, user: Any) -> bool:
        return can_edit_pages(user)

    @staticmethod
    def queryset() -> Any:
        page_type = ContentType.objects.get_for_model(Page)
        live_target = Page.objects.filter(pk=OuterRef("target_page_id"), live=True)
        draft_source = Page.objects.filter(pk=OuterRef("source_page_id"), live=False)
        return (
            ReferenceIndex.objects.filter(to_content_type=page_type)
            # Object ids are text; only page rows are cast, so a snippet whose key is not a
            # number can never make PostgreSQL fail the cast (CASE evaluates lazily).
            .annotate(
                target_page_id=Cast("to_object_id", BigIntegerField()),
                source_page_id=Case(
                    When(
                        base_content_type=page_type,
                        then=Cast("object_id", BigIntegerField()),
                    ),
                    default=None,
                ),
            )
            .annotate(target_live=Exists(live_target), source_draft=Exists(draft_source))
            .filter(target_live=False, source_draft=False)
            .values("base_content_type_id", "object_id", "to_object_id")
            .distinct()
            .order_by("object_id", "to_object_id")
        )

    def panel_data(self) -> dict[str, Any]:
        queryset = self.queryset()
        rows = list(queryset[:LISTED])
        count = queryset.count() if len(rows) == LISTED else len(rows)
        page_type_id = ContentType.objects.get_for_model(Page).pk
        page_ids = {int(r["to_object_id"]) for r in rows}
        page_ids |= {int(r["object_id"]) for r in rows if r["base_content_type_id"] == page_type_id}
        pages = Page.objects.in_bulk(page_ids) if page_ids else {}
        other_sources: dict[int, dict[str, Any]] = {}
        for type_id in {r["base_content_type_id"] for r in rows} - {page_type_id}:
            model = ContentType.objects.get_for_id(type_id).model_class()
            if model is not None:
                ids = [r["object_id"] for r in rows if r["base_content_type_id"] == type_id]
                other_sources[type_id] = model._default_manager.in_bulk(ids)
        links = []
        for row in rows:
            target = pages.get(int(row["to_object_id"]))
            if row["base_content_type_id"] == page_type_id:
                source = pages.get(int(row["object_id"]))
                source_url = reverse("wagtailadmin_pages:edit", args=[row["object_id"]])
            else:
                source = other_sources.get(row["base_content_type_id"], {}).get(
                    _key(row["object_id"])
                )
                source_url = snippet_url(type(source), "edit", source.pk) if source else ""
            links.append(
                {
                    "source": source,
                    "source_url": source_url,
                    "target": target,
                    "target_id": row["to_object_id"],
                }
            )
        return {"links": links, "count": count}


def _key(object_id: str) -> Any:
    return int(object_id) if object_id.isdigit() else object_id


class TranslationStatusPanel(DashboardPanel):
    name = "translation-status"
    order = 224
    heading = _("Translations to do")
    template_name = "kindness_site/editors/panels/translation_status.html"

    @classmethod
    def is_shown_to(cls, user: Any) -> bool:
        return user.has_perm("wagtail_localize.submit_translation") or can_edit_pages(user)

    def panel_data(self) -> dict[str, Any]:
        statuses = translation_status()
        for status in statuses:
            for pending in status.pages:
                pending.translate_url = reverse(
                    "wagtail_localize:submit_page_translation", args=[pending.obj.pk]
                )
                pending.sync_url = (
                    reverse("wagtail_localize:update_translations", args=[pending.source_id])
                    if pending.source_id
                    else ""
                )
            status.snippet_links = [
                (model._meta.verbose_name_plural, count, snippet_url(model, "list"))
                for model, count in status.snippets
            ]
        return {
            "statuses": statuses,
            "can_submit": self.request.user.has_perm("wagtail_localize.submit_translation"),
        }


PANELS: tuple[type[DashboardPanel], ...] = (
    TranslationStatusPanel,
    PendingApplicationsPanel,
    NewSubscribersPanel,
    SendsInProgressPanel,
    ReferencesNeedingAttentionPanel,
    BrokenLinksPanel,
)


def add_dashboard_panels(request: Any, panels: list[Any]) -> None:
    """``construct_homepage_panels`` hook: the panels this user's roles act on."""
    panels.extend(panel(request) for panel in PANELS if panel.is_shown_to(request.user))
