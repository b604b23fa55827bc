"""Admin wiring: subscribers viewset, newsletter admin URLs, menu item and issue page buttons."""

from __future__ import annotations

from collections.abc import Iterator

from django.contrib.auth.decorators import permission_required
from django.contrib.auth.models import User
from django.urls import URLResolver, include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.models import Page
from wagtail.snippets.models import register_snippet

from kindness_site.editors.menus import PermissionMenuItem

from . import admin_views
from .models import NewsletterIssuePage
from .viewsets import SubscriberViewSet

# Seeing sends and their delivery figures: the "Newsletter sends" menu entry and its two views
# (sending and controlling a send ask for ``admin_views.SEND_PERMISSION`` themselves).
VIEW_SENDS_PERMISSION = "newsletter.view_send"
may_view_sends = permission_required(VIEW_SENDS_PERMISSION, raise_exception=True)

admin_urls = (
    [
        path("sends/", may_view_sends(admin_views.send_list), name="send_list"),
        path("sends/<int:send_id>/", may_view_sends(admin_views.send_detail), name="send_detail"),
        path("sends/<int:send_id>/<str:action>/", admin_views.control_send, name="control_send"),
        path("issue/<int:page_id>/send/", admin_views.create_send, name="create_send"),
        path("issue/<int:page_id>/test/", admin_views.send_test, name="send_test"),
        path(
            "issue/<int:page_id>/preview/<str:language>/",
            admin_views.preview_email,
            name="preview_email",
        ),
        path("subscribers/import/", admin_views.import_subscribers, name="import"),
    ],
    "newsletter_admin",
)


@hooks.register("register_admin_urls")
def register_urls() -> list[URLResolver]:
    return [path("newsletter/", include(admin_urls))]


register_snippet(SubscriberViewSet)


@hooks.register("register_admin_menu_item")
def sends_menu_item() -> PermissionMenuItem:
    """Shown only to staff who may see sends (the views refuse everyone else)."""
    return PermissionMenuItem(
        _("Newsletter sends"),
        reverse("newsletter_admin:send_list"),
        permissions=(VIEW_SENDS_PERMISSION,),
        icon_name="mail",
        order=351,
    )


@hooks.register("register_page_header_buttons")
def issue_buttons(
    page: Page, user: User, view_name: str, next_url: str | None = None
) -> Iterator[Button]:
    """Preview as email (each language), and Send… for users with the send permission."""
    if not isinstance(page.specific_deferred, NewsletterIssuePage):
        return
    from django.conf import settings

    for code, name in settings.LANGUAGES:
        yield Button(
            _("Preview email (%(language)s)") % {"language": name},
            reverse("newsletter_admin:preview_email", args=[page.pk, code]),
            icon_name="view",
            attrs={"target": "_blank", "rel": "noopener"},
            priority=80,
        )
    if user.has_perm(admin_views.SEND_PERMISSION):
        yield Button(
            _("Send…"),
            reverse("newsletter_admin:create_send", args=[page.pk]),
            icon_name="mail",
            priority=81,
        )
