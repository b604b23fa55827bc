"""No stale page on any node or through Varnish, whichever process publishes."""

from __future__ import annotations

import uuid

from topology.shape import Shape

from .helpers import FRONTS, eventually, get, publish_title, title, titles

# Each node's page cache and Varnish must show a change this soon (Varnish is purged by the
# worker, which takes the purge task from the queue within its polling interval).
NODE_SECONDS = 1.0
VARNISH_SECONDS = 5.0


def warm(shape: Shape, path: str) -> None:
    """Every front has the page cached, so a stale copy could be served: the second request is
    a hit in each node's page cache and in Varnish (two transaction ids in ``X-Varnish``)."""
    for front in ("a", "b"):
        get(shape.url(front) + path)
        assert get(shape.url(front) + path).headers.get("X-Page-Cache") == "hit"
    get(shape.url("varnish") + path)
    assert len(get(shape.url("varnish") + path).headers.get("X-Varnish", "").split()) == 2


def assert_fresh_everywhere(shape: Shape, path: str, expected: str) -> None:
    for front in ("a", "b"):
        # mypy cannot infer a lambda with a default argument (which binds the loop variable).
        seen = eventually(lambda f=front: expected in title(get(shape.url(f) + path)), NODE_SECONDS)  # type: ignore[misc]
        assert seen, f"node {front} still serves {titles(shape, path)[front]!r}"
    seen = eventually(lambda: expected in title(get(shape.url("varnish") + path)), VARNISH_SECONDS)
    assert seen, f"Varnish still serves {titles(shape, path)['varnish']!r}"


def test_a_publish_on_node_a_is_fresh_on_node_b_and_through_varnish(shape: Shape, story: dict):
    path = story["en"]
    warm(shape, path)
    new_title = f"Published on node a {uuid.uuid4().hex[:8]}"

    publish_title(shape, story["id"], new_title, process="a")

    assert_fresh_everywhere(shape, path, new_title)


def test_a_scheduled_publish_by_the_timer_is_fresh_everywhere(shape: Shape, story: dict):
    path = story["it"]
    warm(shape, path)
    before = titles(shape, path)
    new_title = f"Pubblicata dal timer {uuid.uuid4().hex[:8]}"
    shape.shell(
        "from datetime import timedelta\n"
        "from django.utils import timezone\n"
        "from wagtail.models import Page\n"
        f"page = Page.objects.get(pk={story['it_id']}).specific\n"
        f"page.title = {new_title!r}\n"
        "page.go_live_at = timezone.now() + timedelta(seconds=4)\n"
        "page.save_revision().publish()\n"  # scheduled: approved to go live, not live yet
    )
    assert titles(shape, path) == before, "a scheduled revision showed before its time"

    # Nobody publishes it but the timer loop's publish_scheduled (every 2 s here, after the
    # previous run ended; each run is a new Django process, seconds on a busy machine).
    for front in FRONTS:
        # mypy cannot infer a lambda with a default argument (which binds the loop variable).
        seen = eventually(lambda f=front: new_title in title(get(shape.url(f) + path)), 120)  # type: ignore[misc]
        assert seen, f"{front} still serves {titles(shape, path)[front]!r}"
    runs = (shape.logs() / "timers.log").read_text()
    assert '"timer": "publish_scheduled", "status": 0' in runs
