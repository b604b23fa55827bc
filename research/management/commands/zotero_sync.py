"""``manage.py zotero_sync [--dry-run] [--full]``: bring the Zotero library's changes in."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from research.importing import ERROR, ImportFileError, kept_message
from research.zotero import Client, ZoteroError, apply_sync_plan, build_sync_plan


class Command(BaseCommand):
    help = "Sync the Zotero library named by ZOTERO_LIBRARY (incremental; same rules as imports)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Only report what would happen.")
        parser.add_argument(
            "--full", action="store_true", help="Read every item again, not only recent changes."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            sync = build_sync_plan(Client(), full=options["full"])
        except ZoteroError as exc:
            raise CommandError(str(exc)) from None
        if sync.unchanged:
            self.stdout.write(f"Zotero {sync.library}: nothing changed since version {sync.since}.")
            return
        for entry in sync.plan.entries:
            if entry.action == ERROR:
                for message in entry.errors:
                    self.stderr.write(f"{entry.position}: {message}")
            for change in entry.kept:
                self.stdout.write(kept_message(entry, change))
        for ref in sync.kept:
            self.stdout.write(f"Deleted in Zotero but verified here, kept: {ref}")
        if options["dry_run"]:
            self.stdout.write(f"Dry run: {sync.summary()} Nothing was written.")
            return
        try:
            counts = apply_sync_plan(sync)
        except ImportFileError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Synced Zotero {sync.library} to version {sync.version}: {counts['created']} "
                f"created, {counts['updated']} updated, {counts['skipped']} unchanged, "
                f"{counts['deleted']} deleted."
            )
        )
