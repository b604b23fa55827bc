"""The moderation workflows: "Moderators approval" for pages and public snippets, and
"Network coordinators approval" for join applications (network members).

The page workflow is attached to the page tree's root, so every page in every language (English
originals and Italian translations alike) is moderated the same way without anyone remembering
to assign it to a new home page. Snippets are attached per model (``SNIPPET_WORKFLOWS``), and only
models that carry ``WorkflowMixin`` can be (Wagtail ignores the assignment otherwise): the data
migrations assign them on historical models, and :func:`assign_snippets` runs after every
``migrate`` so a model is picked up as soon as its app adds the mixin.

Approving the last (only) step of a workflow publishes the object as the approver, so each
approving group holds the publish permission of what it approves (see ``roles.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.apps import apps as global_apps
from django.db.models import Model

from .roles import (
    MODERATION_TASK,
    MODERATION_WORKFLOW,
    MODERATORS,
    NETWORK_COORDINATORS,
    NETWORK_TASK,
    NETWORK_WORKFLOW,
)

if TYPE_CHECKING:
    from wagtail.models import Workflow

# Each workflow: its single task's name and the group that approves it.
WORKFLOWS: dict[str, tuple[str, str]] = {
    MODERATION_WORKFLOW: (MODERATION_TASK, MODERATORS),
    NETWORK_WORKFLOW: (NETWORK_TASK, NETWORK_COORDINATORS),
}

# Snippets shown on the public site, which must be approved before they appear, and by whom.
SNIPPET_WORKFLOWS: dict[str, str] = {
    "people.person": MODERATION_WORKFLOW,
    "people.persongroup": MODERATION_WORKFLOW,
    "projects.organisation": MODERATION_WORKFLOW,
    "pages.member": NETWORK_WORKFLOW,
}
PUBLIC_SNIPPETS = tuple(SNIPPET_WORKFLOWS)


def _ensure_workflow(apps: Any, workflow_name: str, task_name: str, group_name: str) -> Any:
    """Create (or reset) a one-step workflow whose step is approved by one group."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")

    group = Group.objects.get(name=group_name)
    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name=task_name).order_by("pk").first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=task_name, content_type=task_type, active=True)
    elif not task.active:
        task.active = True
        task.save(update_fields=["active"])
    task.groups.set([group])

    workflow = Workflow.objects.filter(name=workflow_name).order_by("pk").first()
    if workflow is None:
        workflow = Workflow.objects.create(name=workflow_name, active=True)
    elif not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    WorkflowTask.objects.filter(workflow=workflow).exclude(task=task).delete()
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


def apply_moderation_workflow(apps: Any, schema_editor: Any = None) -> None:
    """Create (or reset) both workflows, attach the page one to the tree's root and each public
    snippet model to its workflow (a model's assignment made by hand is respected)."""
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")

    workflows = {name: _ensure_workflow(apps, name, *spec) for name, spec in WORKFLOWS.items()}
    tree_root = Page.objects.filter(depth=1).order_by("path").first()
    if tree_root is not None:
        WorkflowPage.objects.update_or_create(
            page=tree_root, defaults={"workflow": workflows[MODERATION_WORKFLOW]}
        )
    for label, workflow_name in SNIPPET_WORKFLOWS.items():
        app_label, model_name = label.split(".")
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model_name)
        WorkflowContentType.objects.get_or_create(
            content_type=content_type, defaults={"workflow": workflows[workflow_name]}
        )


def moderation_workflow(name: str = MODERATION_WORKFLOW) -> Workflow | None:
    from wagtail.models import Workflow

    return Workflow.objects.filter(name=name, active=True).first()


def public_snippet_models() -> list[type[Model]]:
    """The public snippet models (every app is always installed)."""
    return [global_apps.get_model(label) for label in PUBLIC_SNIPPETS]


def snippets_without_workflow_support() -> list[str]:
    """Public snippets whose model lacks ``WorkflowMixin`` (they cannot be moderated yet)."""
    from wagtail.models import WorkflowMixin

    return [
        model._meta.label
        for model in public_snippet_models()
        if not issubclass(model, WorkflowMixin)
    ]


def assign_snippets(**kwargs: Any) -> list[str]:
    """Attach each public snippet model that supports it to its workflow; returns their labels.

    Safe to run any number of times (it is a ``post_migrate`` receiver): an assignment made by
    hand in the admin to another workflow is respected.
    """
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import WorkflowContentType, WorkflowMixin

    assigned = []
    for model in public_snippet_models():
        workflow = moderation_workflow(SNIPPET_WORKFLOWS[model._meta.label_lower])
        if workflow is None or not issubclass(model, WorkflowMixin):
            continue
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        WorkflowContentType.objects.get_or_create(
            content_type=content_type, defaults={"workflow": workflow}
        )
        assigned.append(model._meta.label)
    return assigned
