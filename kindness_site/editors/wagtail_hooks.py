"""Admin wiring of :mod:`kindness_site.editors.moderation` (this app's own hooks module, found
by Wagtail like any app's)."""

from django.urls import URLPattern, path
from wagtail import hooks

from .moderation import listing_button, submit_view

hooks.register("register_page_listing_more_buttons", listing_button)


@hooks.register("register_admin_urls")
def moderation_urls() -> list[URLPattern]:
    return [
        path("editors/submit/<int:page_id>/", submit_view, name="kindness_editors_submit"),
    ]
