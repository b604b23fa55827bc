"""The moderation workflow: one "Moderators approval" step for pages and public snippets.

The workflow is attached to the page tree's root, so every page in every language (English
originals and Italian translations alike) is moderated the same way without anyone remembering
to assign it to a new home page. Snippets are attached per model, and only models that carry
``WorkflowMixin`` can be (Wagtail ignores the assignment otherwise), so :func:`assign_snippets`
runs after every ``migrate`` and picks a model up as soon as its app adds the mixin.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps as global_apps

from .roles import MODERATION_TASK, MODERATION_WORKFLOW, MODERATORS

# Snippets shown on the public site, which must be approved before they appear.
PUBLIC_SNIPPETS = ("people.person", "projects.organisation", "pages.member")


def apply_moderation_workflow(apps: Any, schema_editor: Any = None) -> None:
    """Create (or reset) the workflow, its single task for Moderators, and attach it to the root."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    Page = apps.get_model("wagtailcore", "Page")

    moderators = Group.objects.get(name=MODERATORS)
    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name=MODERATION_TASK).order_by("pk").first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name=MODERATION_TASK, content_type=task_type, active=True
        )
    elif not task.active:
        task.active = True
        task.save(update_fields=["active"])
    task.groups.set([moderators])

    workflow = Workflow.objects.filter(name=MODERATION_WORKFLOW).order_by("pk").first()
    if workflow is None:
        workflow = Workflow.objects.create(name=MODERATION_WORKFLOW, active=True)
    elif not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    WorkflowTask.objects.filter(workflow=workflow).exclude(task=task).delete()
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})

    tree_root = Page.objects.filter(depth=1).order_by("path").first()
    if tree_root is not None:
        WorkflowPage.objects.update_or_create(page=tree_root, defaults={"workflow": workflow})


def moderation_workflow() -> Any | None:
    from wagtail.models import Workflow

    return Workflow.objects.filter(name=MODERATION_WORKFLOW, active=True).first()


def public_snippet_models() -> list[type]:
    """The public snippet models that exist in this project (some apps may be absent)."""
    found = []
    for label in PUBLIC_SNIPPETS:
        try:
            found.append(global_apps.get_model(label))
        except LookupError:
            continue
    return found


def snippets_without_workflow_support() -> list[str]:
    """Public snippets whose model lacks ``WorkflowMixin`` (they cannot be moderated yet)."""
    from wagtail.models import WorkflowMixin

    return [
        model._meta.label
        for model in public_snippet_models()
        if not issubclass(model, WorkflowMixin)
    ]


def assign_snippets(**kwargs: Any) -> list[str]:
    """Attach the workflow to every public snippet model that supports it; returns their labels.

    Safe to run any number of times (it is a ``post_migrate`` receiver): an assignment made by
    hand in the admin to another workflow is respected.
    """
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import WorkflowContentType, WorkflowMixin

    workflow = moderation_workflow()
    if workflow is None:
        return []
    assigned = []
    for model in public_snippet_models():
        if not issubclass(model, WorkflowMixin):
            continue
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        WorkflowContentType.objects.get_or_create(
            content_type=content_type, defaults={"workflow": workflow}
        )
        assigned.append(model._meta.label)
    return assigned
