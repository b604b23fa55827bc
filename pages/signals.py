"""Drop the small caches of ``pages.queries`` when the rows behind them change."""

from __future__ import annotations

from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import Area, Member, SiteSettings
from .queries import AREAS_KEY, NETWORK_KEY, SETTINGS_KEY, bump_tree_version, forget


@receiver([post_save, post_delete], sender=Area)
def _areas_changed(**kwargs: object) -> None:
    forget(AREAS_KEY)


@receiver([post_save, post_delete], sender=Member)
def _members_changed(**kwargs: object) -> None:
    forget(NETWORK_KEY)


@receiver(m2m_changed, sender=Member.areas.through)
def _member_areas_changed(**kwargs: object) -> None:
    forget(NETWORK_KEY)


@receiver([page_published, page_unpublished, post_page_move])
def _page_changed(**kwargs: object) -> None:
    bump_tree_version()


@receiver(post_delete)
def _page_deleted(sender: type[Model], instance: Model, **kwargs: object) -> None:
    if isinstance(instance, Page):
        bump_tree_version()


@receiver([post_save, post_delete], sender=SiteSettings)
def _settings_changed(instance: SiteSettings, **kwargs: object) -> None:
    forget(SETTINGS_KEY.format(site_id=instance.site_id))
