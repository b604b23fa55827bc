"""System checks of the project's own deployment rules (run by ``check --deploy``)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register

from pages.cache_generation import cache_is_per_process


@register(Tags.caches, deploy=True)
def shared_cache_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """A cache private to each process is wrong wherever more than one process serves the site.

    Each gunicorn worker (and each node) would keep its own rate-limit counters and its own copy
    of pages and fragments; the content generation then lives in a file under ``VAR_DIR``, which
    other nodes never see. Production needs a shared cache (``REDIS_URL``), unless the operator
    declares that one process serves the site (``SINGLE_PROCESS=true``; management commands on the
    same machine are fine, they share the generation file).
    """
    if settings.SINGLE_PROCESS or not cache_is_per_process():
        return []
    return [
        Error(
            "The cache is private to each process: with several web processes or nodes, rate "
            "limits count per process and a node never learns of another's changes.",
            hint="Set REDIS_URL to a Redis every process shares, or SINGLE_PROCESS=true if one "
            "process serves the site (gunicorn then runs one worker).",
            id="kindness_site.E001",
        )
    ]
