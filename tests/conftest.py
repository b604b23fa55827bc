"""Fixtures shared by every test package: the two locales, a site with a home page per language."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from wagtail.models import Locale, Page, Site

from pages.models import HomePage, SiteSettings


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


def publish_child(parent: Page, page: Page) -> Page:
    """Add ``page`` under ``parent`` and publish it (helper shared by test modules)."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page
