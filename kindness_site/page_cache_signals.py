"""Which changes invalidate the anonymous page cache (see ``page_cache``), and the image
rendition tasks that page and image saves start (see ``images``).

Pages go through Wagtail's own signals (a draft save changes nothing public); other models bump
the generation when they are shown on public pages: every model of the content apps, registered
snippets and settings from any app, images, documents, locales, sites and redirects. Private data
(subscribers, deliveries, consent records, task results, renditions) never flushes the cache.
"""

from __future__ import annotations

from functools import lru_cache

from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.snippets.models import get_snippet_models

from pages.models.navigation import clear_menu_cache
from pages.queries import bump_tree_version

from .images import on_image_saved, on_page_published
from .page_cache import bump_generation

CONTENT_APPS = {"pages", "research", "people", "projects"}
PUBLIC_MODELS = {
    "wagtailimages.image",
    "wagtaildocs.document",
    "wagtailcore.locale",
    "wagtailcore.site",
    "wagtailredirects.redirect",
    "wagtailcore.pageviewrestriction",  # a page made private must leave the cache at once
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


def _on_model_change(sender: type[Model], **kwargs: object) -> None:
    if shows_on_public_pages(sender):
        bump_generation()


def _on_page_delete(sender: type[Model], **kwargs: object) -> None:
    if issubclass(sender, Page):
        _on_page_change()


def _on_m2m_change(sender: type[Model], instance: Model, action: str, **kwargs: object) -> None:
    if action.startswith("post_") and shows_on_public_pages(type(instance)):
        bump_generation()


def _on_page_change(**kwargs: object) -> None:
    """Page titles appear in the cached menu fragments too."""
    bump_generation()
    clear_menu_cache()


def _on_restriction_change(**kwargs: object) -> None:
    """Lookups cached per tree version (``pages.queries.tree_cached``) skip private pages."""
    bump_tree_version()


def connect() -> None:
    post_save.connect(_on_model_change, dispatch_uid="page_cache_save")
    post_delete.connect(_on_model_change, dispatch_uid="page_cache_delete")
    post_delete.connect(_on_page_delete, dispatch_uid="page_cache_page_delete")
    m2m_changed.connect(_on_m2m_change, dispatch_uid="page_cache_m2m")
    post_save.connect(
        _on_restriction_change, sender=PageViewRestriction, dispatch_uid="tree_restriction_save"
    )
    post_delete.connect(
        _on_restriction_change, sender=PageViewRestriction, dispatch_uid="tree_restriction_delete"
    )
    page_published.connect(_on_page_change, dispatch_uid="page_cache_published")
    page_unpublished.connect(_on_page_change, dispatch_uid="page_cache_unpublished")
    post_page_move.connect(_on_page_change, dispatch_uid="page_cache_moved")
    post_save.connect(on_image_saved, sender=get_image_model(), dispatch_uid="renditions_image")
    page_published.connect(on_page_published, dispatch_uid="renditions_page")
