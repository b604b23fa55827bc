"""Wagtail admin for subscribers: list with search, filters and CSV export; the consent ledger."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.views.generic import InspectView
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from kindness_site.security.spreadsheets import SafeSpreadsheetExportMixin
from pages.models import Area

from .models import Subscriber, SubscriberStatus


class SubscriberFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=SubscriberStatus.choices)
    language = django_filters.ChoiceFilter(
        label=_("Language"), choices=Subscriber._meta.get_field("language").choices
    )
    topics = django_filters.ModelMultipleChoiceFilter(
        label=_("Topics"), queryset=Area.objects.select_related("locale"), distinct=True
    )

    class Meta:
        model = Subscriber
        fields = ["status", "language", "topics"]


class SubscriberInspectView(InspectView):
    """The subscriber's details plus the whole consent ledger, oldest first."""

    template_name = "newsletter/admin/subscriber_inspect.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["consent_events"] = self.object.consent_events.order_by("created_at", "pk")
        context["deliveries"] = self.object.deliveries.select_related("issue").order_by("-pk")[:50]
        return context


class SubscriberIndexView(SafeSpreadsheetExportMixin, IndexView):
    """Addresses come from a public form: the CSV export never lets one run as a formula."""


class SubscriberViewSet(SnippetViewSet):
    model = Subscriber
    index_view_class = SubscriberIndexView
    icon = "mail"
    menu_label = _("Subscribers")
    add_to_admin_menu = True
    menu_order = 350
    list_display = ["email", "language", "status", "created_at", "confirmed_at"]
    list_per_page = 50
    search_fields = ["email"]
    filterset_class = SubscriberFilterSet
    list_export = ["email", "language", "status", "source", "created_at", "confirmed_at"]
    export_filename = "newsletter-subscribers"
    inspect_view_enabled = True
    inspect_view_class = SubscriberInspectView  # type: ignore[assignment]  # snippets' InspectView is the generic one
    inspect_view_fields = ["email", "language", "status", "source", "created_at", "confirmed_at"]
    copy_view_enabled = False
    ordering = ["-created_at"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Subscriber]:
        return Subscriber.objects.all()


SubscriberViewSet.panels = [  # type: ignore[attr-defined]  # read by the viewset's edit handler
    FieldPanel("email"),
    FieldPanel("language"),
    FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
    # Status changes only through the subscriber's own links (ledger) or provider events.
    FieldPanel("status", read_only=True),
]
