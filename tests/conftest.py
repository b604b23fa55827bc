"""Fixtures shared by every test package: the two locales, a site with a home page per language."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection
from hypothesis import settings as hypothesis_settings
from wagtail.models import Locale, Page, Site

from pages.models import HomePage, SiteSettings

# Property tests: the same examples on every CI run and in `make test` (a failure is a fault to fix,
# never luck), fresh random ones when a developer runs pytest (exploring is how they find faults).
# Every @settings(...) object inherits derandomize from the profile loaded here.
hypothesis_settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
hypothesis_settings.register_profile("explore")
hypothesis_settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE")
    or ("ci" if os.environ.get("CI", "").lower() in {"1", "true", "yes"} else "explore")
)


@pytest.fixture(autouse=True)
def _clear_cache():
    """Every test starts with an empty cache so cached fragments never leak between tests."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def locales(db) -> dict[str, Locale]:
    en = Locale.objects.get_or_create(language_code="en")[0]
    it = Locale.objects.get_or_create(language_code="it")[0]
    return {"en": en, "it": it}


@pytest.fixture
def home(locales) -> HomePage:
    """The English home page as the default site's root (Wagtail's welcome page removed)."""
    root = Page.get_first_root_node()
    for child in root.get_children():
        child.delete()
    page = HomePage(title="Kindness Movement", slug="home", locale=locales["en"])
    root.add_child(instance=page)
    page.save_revision().publish()
    Site.objects.all().delete()
    site = Site.objects.create(hostname="testserver", port=80, root_page=page, is_default_site=True)
    SiteSettings.objects.create(site=site)
    return page


@pytest.fixture
def home_it(home, locales) -> HomePage:
    """The Italian translation of the home page, published."""
    page = home.copy_for_translation(locales["it"])
    page.title = "Movimento per la Gentilezza"
    page.save_revision().publish()
    return page


@pytest.fixture
def site_tree(home, home_it) -> dict[str, HomePage]:
    return {"en": home, "it": home_it}


def publish_child[P: Page](parent: Page, page: P) -> P:
    """Add ``page`` under ``parent`` and publish it (helper shared by test modules)."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@contextmanager
def demo_content_loaded() -> Iterator[None]:
    """Load the bilingual demo content into the test database; put the database back after.

    For module- or package-scoped fixtures, with the database unblocked and no per-test
    transaction: wagtail-localize publishes translations in ``on_commit`` callbacks, which only
    run when something commits. The database is restored as it was (a serialised snapshot, like
    Django's ``serialized_rollback``), and the sequences are set past the restored ids so the
    next module's inserts cannot collide on PostgreSQL.
    """
    name = str(connection.settings_dict["NAME"])
    in_memory = connection.vendor == "sqlite" and connection.is_in_memory_db()  # type: ignore[attr-defined]  # SQLite's wrapper only
    if not (in_memory or Path(name).name.startswith("test_")):
        pytest.fail(f"refusing to load demo content into {name!r}: not a test database")
    snapshot = connection.creation.serialize_db_to_string()
    try:
        call_command("load_demo_content", verbosity=0)
        cache.clear()
        yield
    finally:
        call_command("flush", verbosity=0, interactive=False, inhibit_post_migrate=True)
        connection.creation.deserialize_db_from_string(snapshot)
        statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
        cache.clear()
