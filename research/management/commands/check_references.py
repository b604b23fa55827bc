"""``manage.py check_references [--now]``: queue (or run) the Crossref check of the library."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from research.checking import check_library


class Command(BaseCommand):
    help = "Re-check every reference with a DOI against Crossref (retractions, corrections)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--now", action="store_true", help="Run here instead of queueing for the db_worker."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["now"]:
            counts = check_library.call()
            self.stdout.write(
                f"Checked {counts['checked']} references against Crossref: {counts['flagged']} "
                f"with findings, {counts['failed']} could not be checked."
            )
            return
        result = check_library.enqueue()
        self.stdout.write(f"Crossref check queued for the db_worker (task {result.id}).")
