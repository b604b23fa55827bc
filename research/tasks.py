"""Background work of the research library (django-tasks; the db_worker runs it)."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django_tasks import task


@task()
def store_citations(reference_ids: list[int]) -> int:
    """Render and store the citations of these references (see ``research.engines``), then let
    every process serve pages with them."""
    from kindness_site.page_cache import bump_generation

    from . import engines
    from .models import Reference

    refs = list(Reference.objects.filter(pk__in=reference_ids).prefetch_related("creators"))
    stored = engines.store(refs)
    if stored:
        bump_generation()
    return stored


def schedule_citations(reference_ids: list[int]) -> None:
    """After the transaction commits (the creators are saved by then), queue the rendering."""
    if not reference_ids or not getattr(settings, "RESEARCH_STORE_CITATIONS", True):
        return
    ids = list(reference_ids)
    transaction.on_commit(lambda: store_citations.enqueue(reference_ids=ids))
