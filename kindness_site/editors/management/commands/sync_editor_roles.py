"""Put every staff group back to exactly its declaration (kindness_site/editors/roles.py)."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from kindness_site.editors.roles import ROLES, apply_roles
from kindness_site.editors.workflows import (
    apply_moderation_workflow,
    assign_snippets,
    snippets_without_workflow_support,
)


class Command(BaseCommand):
    help = (
        "Reset the staff groups and the moderation workflow to their declarations. Run it after "
        "an app adds a permission a role should have, or after groups were changed by hand."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            apply_roles(apps)
            apply_moderation_workflow(apps)
            assigned = assign_snippets()
        for role in ROLES:
            self.stdout.write(f"  {role.name}")
        missing = snippets_without_workflow_support()
        if missing:
            self.stdout.write(
                self.style.WARNING(
                    "Not moderated (model lacks WorkflowMixin): " + ", ".join(missing)
                )
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(ROLES)} roles set; moderation workflow on pages and "
                f"{len(assigned)} snippet model(s): {', '.join(assigned) or 'none'}."
            )
        )
