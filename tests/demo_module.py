"""Fixtures for a test module that reads the real demo content, loaded once for the module.

The query-budget and the two-languages tests both need the whole demo site, which takes minutes
to build, so each loads it once per module rather than once per test. That takes three pieces
that must go together (the xdist group, no per-test transaction, the module-scoped load); they
are written once here. A module uses them with::

    from tests.demo_module import DEMO_MODULE, _demo_content, _django_db_marker  # noqa: F401
    pytestmark = DEMO_MODULE

and asks for the ``demo_content`` fixture. A fixture imported into a test module applies to that
module only, so the override of the per-test transaction reaches no other module; the load is
named ``_demo_content`` in Python so the tests' ``demo_content`` arguments do not shadow it.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.conftest import demo_content_loaded

# One xdist worker runs every module of the group, one after the other: each restores the
# database when it is done, so two of them must never load the demo at once.
DEMO_MODULE = [pytest.mark.django_db, pytest.mark.xdist_group("demo-content")]


@pytest.fixture(autouse=True)
def _django_db_marker() -> None:
    """No per-test transaction: the module's demo content must stay for every test.

    ``demo_content`` loads it outside any transaction (wagtail-localize publishes translations
    in ``on_commit`` callbacks, which only run when something commits) and restores the database
    as it was when the module is done, as ``tests/browser/conftest.py`` does for its package.
    """


@pytest.fixture(scope="module", name="demo_content")
def _demo_content(django_db_setup, django_db_blocker) -> Iterator[None]:
    with django_db_blocker.unblock(), demo_content_loaded():
        yield
