"""Fixtures for the projects tests: an index page per language, areas, people."""

from __future__ import annotations

import pytest

from tests.people.factories import make_areas, make_project_index


@pytest.fixture(autouse=True)
def _no_page_cache(settings, tmp_path):
    """Budgets measure rendering, not the anonymous page cache (tested by kindness_site)."""
    settings.PAGE_CACHE_ENABLED = False
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.fixture
def areas(locales):
    return make_areas(locales)


@pytest.fixture
def index(site_tree):
    return make_project_index(site_tree)
