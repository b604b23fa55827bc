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


def grant_rights_on_new_section(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    """A new language's home page opens that tree to Translators; a new newsletter section opens
    itself to Newsletter senders (see ``roles.grant_scoped_page_rights``)."""
    from wagtail.models import Page

    from .roles import SECTION_PAGE_RIGHTS, grant_scoped_page_rights

    if not created or kwargs.get("raw") or not isinstance(instance, Page):
        return
    new_locale_root = (
        instance.depth == 2 and instance.locale.language_code != settings.LANGUAGE_CODE
    )
    new_section = any(
        instance._meta.label_lower == label for label, _kinds in SECTION_PAGE_RIGHTS.values()
    )
    if new_locale_root or new_section:
        grant_scoped_page_rights(apps)


def after_migrate(sender: Any, **kwargs: Any) -> None:
    """Snippet workflows and translator rights for whatever the migrations produced."""
    if getattr(sender, "label", None) != "kindness_editors":
        return
    from .roles import grant_scoped_page_rights
    from .workflows import assign_snippets

    assign_snippets()
    grant_scoped_page_rights(apps)


def connect() -> None:
    post_save.connect(grant_rights_on_new_section, dispatch_uid="editors-new-section")
    post_migrate.connect(after_migrate, dispatch_uid="editors-after-migrate")
