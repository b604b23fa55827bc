"""The production shape, started once for the whole package (it takes minutes to build).

Run on PostgreSQL only: ``make test-postgres`` (CI's PostgreSQL run) runs this package after the
rest of the suite, and ``make test-topology`` runs it alone; the SQLite run leaves it out. Tests
that break a part of the shape (kill a node, point a node at a dead Redis, stop Varnish, kill the
worker) put it back before they end, so the order of the tests does not matter.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.newsletter.standin import StandIn
from topology.config import ShapeConfig
from topology.shape import Shape

# The timers run far more often than in production so that a test waits seconds, not minutes.
TIMER_EVERY = {"publish_scheduled": 2, "newsletter_run_due": 3}

# The newsletter goes to the local stand-in for Postmark's API through Anymail's real backend;
# short leases and slices so a killed worker's share is recovered within seconds.
NEWSLETTER_ENV = {
    "EMAIL_PROVIDER": "postmark",
    "ANYMAIL_POSTMARK_SERVER_TOKEN": "shape-token",
    "ANYMAIL_WEBHOOK_SECRET": "shape-hook:shape-secret",
    "NEWSLETTER_LEASE_SECONDS": "5",
    "NEWSLETTER_SLICE_SECONDS": "5",
    "NEWSLETTER_BATCH_SIZE": "40",
    "NEWSLETTER_SUB_BATCH_SIZE": "10",
    "NEWSLETTER_CONCURRENCY": "4",
    "NEWSLETTER_RATE_PER_SECOND": "0",
}


@pytest.fixture(scope="package")
def shape() -> Iterator[Shape]:
    run_dir = Path(tempfile.mkdtemp(prefix="kindness-topology-"))
    config = ShapeConfig.from_env(run_dir)
    provider = StandIn(port=config.port("provider"))
    config.extra_env = {**NEWSLETTER_ENV, "ANYMAIL_POSTMARK_API_URL": provider.url}
    with provider, Shape(config, timer_every=TIMER_EVERY) as running:
        running.provider = provider  # type: ignore[attr-defined]
        yield running
    # The processes' logs stay for a failure's post-mortem; their scratch directories go.
    shutil.rmtree(run_dir / "var", ignore_errors=True)
    print(f"production-shape logs: {run_dir / 'logs'}")


@pytest.fixture(scope="package")
def story(shape: Shape) -> dict:
    """A published demo story: its id and its path in both languages."""
    code = """
import json
from pages.models import StoryPage
en = StoryPage.objects.live().filter(locale__language_code="en").order_by("pk").first()
it = StoryPage.objects.live().get(translation_key=en.translation_key, locale__language_code="it")
print(json.dumps({"id": en.pk, "it_id": it.pk, "en": en.url, "it": it.url, "title": en.title}))
"""
    return json.loads(shape.shell(code).strip().splitlines()[-1])
