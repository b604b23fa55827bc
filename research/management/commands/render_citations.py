"""``manage.py render_citations [--all]``: store every reference's citations with the current
engine and styles (run after a deploy that changes either; saves keep them fresh otherwise).
``engines.store`` moves the content generation, so every process serves the new citations."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from research import engines
from research.models import Reference

BATCH = 200


class Command(BaseCommand):
    help = "Render and store the citations of references whose stored ones are out of date."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--all", action="store_true", help="Render every reference again.")

    def handle(self, *args: Any, **options: Any) -> None:
        queryset = Reference.objects.all() if options["all"] else engines.stale()
        ids = list(queryset.order_by("pk").values_list("pk", flat=True))
        done = 0
        for start in range(0, len(ids), BATCH):
            batch = ids[start : start + BATCH]
            refs = list(Reference.objects.filter(pk__in=batch).prefetch_related("creators"))
            done += engines.store(refs)
            self.stdout.write(f"  {done}/{len(ids)} stored")
        self.stdout.write(
            self.style.SUCCESS(
                f"Citations stored for {done} references with {engines.version_stamp()}."
            )
        )
