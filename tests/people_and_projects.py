"""Fixtures shared by the people and projects tests (people appear on project pages too).

Defined once here; ``tests/people/conftest.py`` and ``tests/projects/conftest.py`` import them
(a fixture imported into a conftest applies to that package only, so ``_no_page_cache`` stays
out of the other packages). The builders behind them are in ``tests/people/factories.py``.
"""

from __future__ import annotations

import pytest

from tests.people.factories import make_areas, make_group, make_project_index, make_team


@pytest.fixture(autouse=True)
def _no_page_cache(settings, tmp_path):
    """Budgets measure rendering, not the anonymous page cache (tested by kindness_site)."""
    settings.PAGE_CACHE_ENABLED = False
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.fixture
def areas(locales):
    return make_areas(locales)


@pytest.fixture
def team(site_tree):
    return make_team(site_tree)


@pytest.fixture
def groups(locales):
    return {
        "founders": make_group(locales, "founders", "Founders", "Fondatori", 10),
        "committee": make_group(
            locales, "scientific-committee", "Scientific committee", "Comitato scientifico", 30
        ),
    }


@pytest.fixture
def index(site_tree):
    return make_project_index(site_tree)
