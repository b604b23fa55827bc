"""Parts of the shape fail: a node dies, a node loses Redis, Varnish cannot be purged."""

from __future__ import annotations

import time
import uuid

from topology.shape import Shape
from topology.varnish import start_varnish

from .helpers import get, publish_title, title


def test_node_a_killed_node_b_keeps_serving_through_varnish(shape: Shape, story: dict):
    paths = ["/en/", "/it/", story["en"], story["it"]]
    try:
        shape.kill("a")  # SIGKILL to gunicorn's master and workers: no goodbye
        assert get(shape.url("b") + "/en/").status_code == 200
        statuses = []
        finish = time.monotonic() + 6  # while Varnish's probes find out, and after
        n = 0
        while time.monotonic() < finish:
            # A query string Varnish has not seen: every request goes to a node.
            response = get(f"{shape.url('varnish')}{paths[n % len(paths)]}?probe={n}")
            statuses.append(response.status_code)
            n += 1
        assert statuses and set(statuses) == {200}, statuses
    finally:
        shape.start_node("a")
    assert get(shape.url("a") + "/en/").status_code == 200


def test_node_b_without_redis_still_serves_pages_and_readyz_names_the_cache(shape: Shape):
    dead = f"redis://127.0.0.1:{shape.config.port('dead')}/0"
    try:
        shape.restart_node("b", REDIS_URL=dead)
        for path in ("/en/", "/it/", "/en/?uncached=1"):
            response = get(shape.url("b") + path)
            assert response.status_code == 200, path
            assert response.headers.get("X-Page-Cache") != "hit"
        ready = get(shape.url("b") + "/readyz")
        assert ready.status_code == 503
        assert ready.json() == {"status": "error", "checks": {"database": "ok", "cache": "error"}}
        # Node a (with Redis) is ready, and Varnish keeps serving from both.
        assert get(shape.url("a") + "/readyz").json()["status"] == "ok"
        assert {get(shape.url("varnish") + f"/en/?r={i}").status_code for i in range(6)} == {200}
    finally:
        shape.restart_node("b")
    assert get(shape.url("b") + "/readyz").status_code == 200


def test_a_failing_varnish_purge_does_not_stop_a_publish_and_is_logged(shape: Shape, story):
    new_title = f"Published while Varnish is down {uuid.uuid4().hex[:8]}"
    shape.children["varnish"].stop()
    try:
        result = publish_title(shape, story["id"], new_title, process="a")
        assert result.returncode == 0
        # Published: both nodes serve the new title at once.
        for node in ("a", "b"):
            assert new_title in title(get(shape.url(node) + story["en"]))

        # The publishing process purged after the commit, failed, and said so in its log, with
        # the URL it could not purge.
        failures = [
            line
            for line in (result.stdout + result.stderr).splitlines()
            if "Could not purge" in line and story["en"] in line
        ]
        assert failures, result.stderr[-2000:]
    finally:
        shape.children["varnish"] = start_varnish(shape.config)
