"""Which changes invalidate what is cached (see ``pages.cache_generation``) and purge the HTTP
cache in front (see ``page_cache_purge``), and the image rendition tasks that page and image saves
start (see ``images``).

Pages go through Wagtail's own signals (a draft save changes nothing public); other models bump
the generation when they are shown on public pages: every model of the content apps, registered
snippets and settings from any app, images, documents, locales, sites, redirects and view
restrictions. Private data (subscribers, deliveries, consent records, task results, renditions)
never invalidates anything.

The signals fire in whichever process makes the change (the admin on any worker or node,
``publish_scheduled``, an import command, a task); the generation they bump is shared by every
process, so the change shows on every node's next request.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move
from wagtail.snippets.models import get_snippet_models

from pages.cache_generation import changed_in_bulk, content_changed

from . import page_cache_purge
from .images import on_image_saved, on_page_published

CONTENT_APPS = {"pages", "research", "people", "projects"}
PUBLIC_MODELS = {
    "wagtailimages.image",
    "wagtaildocs.document",
    "wagtailcore.locale",
    "wagtailcore.site",
    "wagtailredirects.redirect",
    "wagtailcore.pageviewrestriction",  # a page made private must leave every cache at once
}


@lru_cache(maxsize=512)
def shows_on_public_pages(model: type[Model]) -> bool:
    if issubclass(model, Page):
        return False  # handled by page_published / page_unpublished / moves / deletes
    if model._meta.app_label in CONTENT_APPS:
        return True
    if issubclass(model, BaseSiteSetting | BaseGenericSetting):
        return True
    return model._meta.label_lower in PUBLIC_MODELS or model in get_snippet_models()


def _on_model_change(sender: type[Model], **kwargs: Any) -> None:
    if shows_on_public_pages(sender):
        _site_changed()


def _on_m2m_change(sender: type[Model], instance: Model, action: str, **kwargs: Any) -> None:
    if action.startswith("post_") and shows_on_public_pages(type(instance)):
        _site_changed()


def _site_changed(**kwargs: Any) -> None:
    """A change that can show on any page (or moves URLs): everything, in every cache."""
    content_changed()
    page_cache_purge.site_changed()


def _on_page_change(instance: Page, **kwargs: Any) -> None:
    """Published or unpublished: everything cached here; in front, what shows the page."""
    content_changed()
    page_cache_purge.page_changed(instance)


def _on_page_delete(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    if isinstance(instance, Page):
        _on_page_change(instance)


def connect() -> None:
    post_save.connect(_on_model_change, dispatch_uid="page_cache_save")
    post_delete.connect(_on_model_change, dispatch_uid="page_cache_delete")
    post_delete.connect(_on_page_delete, dispatch_uid="page_cache_page_delete")
    m2m_changed.connect(_on_m2m_change, dispatch_uid="page_cache_m2m")
    page_published.connect(_on_page_change, dispatch_uid="page_cache_published")
    page_unpublished.connect(_on_page_change, dispatch_uid="page_cache_unpublished")
    # A new URL for a page is a new URL for every page below it, and every link to them.
    post_page_move.connect(_site_changed, dispatch_uid="page_cache_moved")
    page_slug_changed.connect(_site_changed, dispatch_uid="page_cache_slug_changed")
    changed_in_bulk.connect(_site_changed, dispatch_uid="page_cache_bulk_change")
    post_save.connect(on_image_saved, sender=get_image_model(), dispatch_uid="renditions_image")
    page_published.connect(on_page_published, dispatch_uid="renditions_page")
