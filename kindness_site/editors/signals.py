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
    """Snippet workflows, scoped page rights and newly defined optional permissions.

    ``post_migrate`` is sent once per app, in INSTALLED_APPS order, and each app's permissions
    are created by its own signal: acting on the last app's signal means every permission
    (including Wagtail's publish permissions for snippets) exists by then.
    """
    if getattr(sender, "label", None) != list(apps.get_app_configs())[-1].label:
        return
    from .roles import grant_optional_permissions, grant_scoped_page_rights
    from .workflows import assign_snippets

    assign_snippets()
    grant_scoped_page_rights(apps)
    grant_optional_permissions(apps)


def application_submitted(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A join application whose approval step starts (first submission, or resubmission after
    changes were requested) is pending again. ``instance`` is the step's TaskState."""
    _mark_member(instance.workflow_state, "pending")


def application_rejected(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Changes requested on a join application: it is rejected until resubmitted."""
    _mark_member(instance, "rejected")


def _mark_member(workflow_state: Any, status: str) -> None:
    """Record the review outcome on a network member (``Member.status``); other content has no
    such label, its workflow state says it all."""
    content = workflow_state.content_object
    mark_review = getattr(content, "mark_review", None)
    if content is not None and content._meta.label_lower == "pages.member" and mark_review:
        mark_review(status)


def connect() -> None:
    from wagtail.signals import task_submitted, workflow_rejected

    post_save.connect(grant_rights_on_new_section, dispatch_uid="editors-new-section")
    post_migrate.connect(after_migrate, dispatch_uid="editors-after-migrate")
    task_submitted.connect(application_submitted, dispatch_uid="editors-member-submitted")
    workflow_rejected.connect(application_rejected, dispatch_uid="editors-member-rejected")
