"""Build (or refresh) the bilingual demo site from the movement's own text.

Idempotent: a second run finds everything in place and changes nothing. Each app adds its part
through its ``demo`` module (see ``pages.demo``).
"""

import time

from django.core.management.base import BaseCommand

from pages.demo import DemoContext, discover_builders


class Command(BaseCommand):
    help = "Create or update the demo content in English and Italian."

    def handle(self, *args: object, **options: object) -> None:
        started = time.monotonic()
        ctx = DemoContext(stdout=self.stdout)
        builders = discover_builders()
        # No transaction around the whole run: wagtail-localize publishes translations in
        # on_commit callbacks, and later steps (menus, featured entries, child pages) need the
        # Italian pages to exist. Each builder is idempotent, so a run that stops half-way is
        # completed by the next one.
        for index, (label, module) in enumerate(builders, start=1):
            self.stdout.write(f"[{index}/{len(builders)}] {label}")
            module.load(ctx)
        for label, module in builders:
            if callable(getattr(module, "finish", None)):
                self.stdout.write(f"[finish] {label}")
                module.finish(ctx)
        summary = ", ".join(f"{count} {name}" for name, count in sorted(ctx.counts.items()))
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content ready in {time.monotonic() - started:.1f}s: {summary}"
            )
        )
