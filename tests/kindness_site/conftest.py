"""Live sites for the freshness tests: built once per test session, each in its own VAR_DIR."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from .live_site import DEV_PORTS, PRODUCTION_PORTS, LiveSite, dev_site, production_site

# The suite's own PostgreSQL database and Redis database (never another engineer's or a user's).
LIVE_DATABASE_URL = os.environ.get(
    "LIVE_SITE_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kindness_cache"
)
LIVE_REDIS_URL = os.environ.get("LIVE_SITE_REDIS_URL", "redis://127.0.0.1:6379/4")


@pytest.fixture(scope="session")
def dev_servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveSite]:
    """Two ``runserver`` processes on one SQLite database under the embedded default settings."""
    with dev_site(tmp_path_factory.mktemp("dev-site")) as site:
        for port in DEV_PORTS:
            site.runserver(port)
        yield site


@pytest.fixture(scope="session")
def production_servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveSite]:
    """Two gunicorn servers (two workers each) under production settings, PostgreSQL, Redis."""
    with production_site(
        tmp_path_factory.mktemp("production-site"), LIVE_DATABASE_URL, LIVE_REDIS_URL
    ) as site:
        for port in PRODUCTION_PORTS:
            site.gunicorn(port)
        yield site
