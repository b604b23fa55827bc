"""Receivers that extend roles and workflows to content created after the migration ran.

Why signals: the Italian home page is made by the demo loader or by a translator long after the
migration that created the groups, and a snippet model gains ``WorkflowMixin`` in a later
migration of its own app. Both are picked up here without anybody re-running a setup step.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.conf import settings
from django.db.models.signals import post_migrate, post_save


def grant_translators_on_new_locale_root(sender: Any, instance: Any, created: bool, **kwargs: Any):
    """A new language's home page gives Translators edit rights on that language's tree."""
    from wagtail.models import Page

    if not created or kwargs.get("raw") or not isinstance(instance, Page):
        return
    if instance.depth != 2:
        return
    locale = instance.locale
    if locale.language_code == settings.LANGUAGE_CODE:
        return
    from .roles import grant_translators_locale_roots

    grant_translators_locale_roots(apps)


def after_migrate(sender: Any, **kwargs: Any) -> None:
    """Snippet workflows and translator rights for whatever the migrations produced."""
    if getattr(sender, "label", None) != "kindness_editors":
        return
    from .roles import grant_translators_locale_roots
    from .workflows import assign_snippets

    assign_snippets()
    grant_translators_locale_roots(apps)


def connect() -> None:
    post_save.connect(grant_translators_on_new_locale_root, dispatch_uid="editors-locale-root")
    post_migrate.connect(after_migrate, dispatch_uid="editors-after-migrate")
