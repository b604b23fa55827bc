"""Background work of the research library (django-tasks; the db_worker runs it)."""

from __future__ import annotations

import threading

from django.conf import settings
from django.db import transaction
from django_tasks import task


@task()
def store_citations(reference_ids: list[int]) -> int:
    """Render and store the citations of these references (see ``research.engines``), then let
    every process serve pages with them (``engines.store`` moves the content generation)."""
    from . import engines
    from .models import Reference

    refs = list(Reference.objects.filter(pk__in=reference_ids).prefetch_related("creators"))
    return engines.store(refs)


_pending: threading.local = threading.local()


def schedule_citations(reference_ids: list[int]) -> None:
    """After the transaction commits (the creators are saved by then), queue the rendering.

    Saves within one transaction (a demo load, an import, a sync) are gathered into one task,
    so Node starts once for all of them rather than once per record.
    """
    if not reference_ids or not getattr(settings, "RESEARCH_STORE_CITATIONS", True):
        return
    if getattr(_pending, "ids", None) is None:
        _pending.ids = set()
    _pending.ids.update(reference_ids)
    # Every save registers the callback; the first to run takes every id gathered so far, the
    # others find nothing left. Ids of a rolled-back transaction ride along with the next
    # commit, where the task skips records that do not exist.
    transaction.on_commit(_enqueue_pending)


def _enqueue_pending() -> None:
    ids = sorted(getattr(_pending, "ids", None) or ())
    _pending.ids = None
    if ids:
        store_citations.enqueue(reference_ids=ids)
