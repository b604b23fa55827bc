"""``manage.py import_references FILE [--format F] [--dry-run]``: the admin import, scripted."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from research.importing import (
    ERROR,
    FORMATS,
    ImportFileError,
    apply_plan,
    build_plan,
    decode,
    detect_format,
    kept_message,
)

PROGRESS_FROM = 200  # entries; smaller files finish before a bar would be useful


class Command(BaseCommand):
    help = "Import references from a BibTeX, RIS or CSL-JSON file (all or nothing)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Path of the file to import.")
        parser.add_argument("--format", choices=sorted(FORMATS), help="Default: from the file.")
        parser.add_argument("--dry-run", action="store_true", help="Only report what would happen.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file.")
        try:
            text = decode(path.read_bytes())
            fmt = options["format"] or detect_format(path.name, text)
            plan = build_plan(text, fmt)
        except ImportFileError as exc:
            raise CommandError(f"{path}: {exc} Nothing was imported.") from None
        for position, message in plan.warnings:
            self.stderr.write(f"{path}, {position}: warning: {message}")
        for entry in plan.entries:
            if entry.action == ERROR:
                for message in entry.errors:
                    self.stderr.write(f"{path}, {entry.position}: {message}")
                continue
            for note in entry.notes:
                self.stderr.write(f"{path}, {entry.position}: note: {note}")
            for change in entry.kept:
                self.stdout.write(kept_message(entry, change))
            if options["verbosity"] > 1:
                self.stdout.write(f"{entry.position}: {entry.action} {entry.title} {entry.reason}")
                for change in entry.chosen(None):
                    self.stdout.write(f"    {change.label}: {change.old!r} -> {change.new!r}")
        if plan.has_errors:
            raise CommandError(f"{plan.summary()} Fix the errors above; nothing was imported.")
        if options["dry_run"]:
            self.stdout.write(f"Dry run: {plan.summary()} Nothing was written.")
            return
        counts = apply_plan(plan, source=path.name, progress=self._progress(len(plan.entries)))
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {path.name}: {counts['created']} created, {counts['updated']} updated, "
                f"{counts['skipped']} skipped as duplicates."
            )
        )

    def _progress(self, total: int) -> Callable[[int, int], None] | None:
        if total < PROGRESS_FROM:
            return None
        stream = self.stdout

        def report(done: int, of: int) -> None:
            width = 30
            filled = int(width * done / of) if of else width
            bar = "#" * filled + "-" * (width - filled)
            end = "\n" if done >= of else ""
            stream.write(f"\r  [{bar}] {done}/{of} written", ending=end)
            if hasattr(sys.stdout, "flush"):
                stream.flush()

        return report
