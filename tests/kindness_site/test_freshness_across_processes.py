"""A change made by any process shows on every server's next request (issue #14, item 1).

Two real servers share one database; the change comes from a third process: ``manage.py shell``
publishing a revision (what the admin on another worker or node, an import command or a task
does) and ``publish_scheduled`` (the timer job). Both servers had the page in their cache; the
very next request to each must show the change. Under the embedded default (SQLite, per-process
memory caches, the generation in a file under VAR_DIR) and under production settings
(PostgreSQL, Redis, gunicorn with two workers per server).
"""

from __future__ import annotations

import itertools

import pytest

from .live_site import DEV_PORTS, PRODUCTION_PORTS, LiveSite, get

_titles = itertools.count(1)
HTTPS = {"X-Forwarded-Proto": "https"}  # what the TLS terminator adds in production


def warm(ports: tuple[int, ...], headers: dict[str, str]) -> str:
    """Fill every server's page cache (each worker of each) and return the title shown."""
    for port in ports:
        for _ in range(4):  # two workers per gunicorn server: both get it cached
            response = get(port, "/en/about/", headers)
        assert response.status == 200, response.body[:500]
        assert response.headers["X-Page-Cache"] == "hit"
    return response.body


def assert_fresh(ports: tuple[int, ...], headers: dict[str, str], title: str) -> None:
    for port in ports:
        for _ in range(2):
            response = get(port, "/en/about/", headers)
            assert response.status == 200
            assert f"<title>{title}" in response.body or f">{title}<" in response.body, (
                f"port {port} still serves the old page"
            )


def new_title() -> str:
    return f"About v{next(_titles)}"


@pytest.mark.parametrize("how", ["shell", "publish_scheduled"])
def test_embedded_default_serves_a_change_from_another_process_at_once(
    dev_servers: LiveSite, how: str
) -> None:
    old = warm(DEV_PORTS, {})
    title = new_title()
    assert title not in old
    if how == "shell":
        dev_servers.publish_title(title)
    else:
        dev_servers.publish_title_on_schedule(title)
    assert_fresh(DEV_PORTS, {}, title)


@pytest.mark.parametrize("how", ["shell", "publish_scheduled"])
def test_production_serves_a_change_from_another_process_at_once(
    production_servers: LiveSite, how: str
) -> None:
    old = warm(PRODUCTION_PORTS, HTTPS)
    title = new_title()
    assert title not in old
    if how == "shell":
        production_servers.publish_title(title)
    else:
        production_servers.publish_title_on_schedule(title)
    assert_fresh(PRODUCTION_PORTS, HTTPS, title)
