"""Journeys every visitor takes: skip link, phone menu, language switcher and search.

Each runs twice, with the keyboard only and with the mouse (``how``).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from wagtail.models import Page as WagtailPage

from .conftest import BROWSER, UNTRANSLATED_SLUG, DemoSite
from .interaction import INPUTS, activate, fill, is_focused, tab_to

pytestmark = [*BROWSER, pytest.mark.parametrize("how", INPUTS)]


def test_skip_link_moves_focus_to_main(page: Page, demo_site: DemoSite, how: str) -> None:
    page.goto("/en/")
    page.keyboard.press("Tab")
    skip = page.locator("a.skip-link")
    assert is_focused(skip), "the skip link must be the first stop in the tab order"
    expect(skip).to_be_in_viewport()
    if how == "mouse":
        skip.click()
    else:
        page.keyboard.press("Enter")
    main = page.locator("main#main")
    assert is_focused(main), "following the skip link must move focus to <main>"
    # The next Tab continues from the main content onwards, not back in the header.
    page.keyboard.press("Tab")
    assert page.evaluate(
        "() => { const main = document.querySelector('main'), el = document.activeElement;"
        " return main.contains(el) ||"
        " Boolean(main.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING); }"
    ), "after the skip link, Tab must continue in or after <main>"


def test_mobile_menu_opens_and_closes(mobile_page: Page, demo_site: DemoSite, how: str) -> None:
    page = mobile_page
    page.goto("/en/")
    toggle = page.get_by_role("button", name=re.compile("^(Menu)$"))
    nav = page.locator("#site-nav")
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(nav).to_be_hidden()

    activate(page, toggle, how)
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(nav).to_be_visible()
    expect(page.get_by_role("search").first).to_be_visible()

    # Escape closes the menu and gives focus back to the toggle, wherever focus was inside it.
    search_box = nav.get_by_role("searchbox")
    if how == "mouse":
        search_box.click()
    else:
        tab_to(page, search_box)
    page.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(nav).to_be_hidden()
    assert is_focused(toggle)

    # Space opens it too (keyboard); a second click closes it (mouse).
    if how == "mouse":
        toggle.click()
        expect(toggle).to_have_attribute("aria-expanded", "true")
        toggle.click()
    else:
        page.keyboard.press("Space")
        expect(toggle).to_have_attribute("aria-expanded", "true")
        page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(nav).to_be_hidden()


def _translated_page() -> tuple[str, str]:
    """The deepest demo page with a live Italian translation: (English URL, Italian URL)."""
    candidates = (
        WagtailPage.objects.live()
        .filter(locale__language_code="en", depth__gt=1)
        .exclude(slug=UNTRANSLATED_SLUG)
        .order_by("-depth", "path")
    )
    for page in candidates:
        italian = (
            WagtailPage.objects.live()
            .filter(translation_key=page.translation_key, locale__language_code="it")
            .first()
        )
        if italian is not None:
            return page.get_url(), italian.get_url()
    raise AssertionError("the demo content has no page with a live Italian translation")


def test_language_switcher_on_a_translated_page(page: Page, demo_site: DemoSite, how: str) -> None:
    english_url, italian_url = _translated_page()
    page.goto(english_url)
    switcher = page.get_by_role("navigation", name="Language")
    expect(switcher.locator('[aria-current="true"]')).to_have_text("English")
    activate(page, switcher.get_by_role("link", name="Italiano"), how)
    page.wait_for_url(demo_site(italian_url))
    expect(page.locator("html")).to_have_attribute("lang", "it")
    back = page.get_by_role("navigation", name="Lingua")
    expect(back.locator('[aria-current="true"]')).to_have_text("Italiano")
    activate(page, back.get_by_role("link", name="English"), how)
    page.wait_for_url(demo_site(english_url))


def test_language_switcher_on_an_untranslated_page(
    page: Page, demo_site: DemoSite, how: str
) -> None:
    page.goto(f"/en/{UNTRANSLATED_SLUG}/")
    link = page.get_by_role("navigation", name="Language").get_by_role("link", name="Italiano")
    # The visitor is told before following the link that it leads to the home page.
    expect(link).to_have_attribute("title", re.compile("not translated"))
    activate(page, link, how)
    page.wait_for_url(demo_site("/it/"))
    expect(page.locator("html")).to_have_attribute("lang", "it")


def test_search_finds_pages_and_opens_a_result(page: Page, demo_site: DemoSite, how: str) -> None:
    page.goto("/en/")
    box = page.get_by_role("search").first.get_by_role("searchbox")
    fill(page, box, "kindness", how)
    if how == "mouse":
        page.get_by_role("search").first.get_by_role("button", name="Search").click()
    else:
        page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/en/search/\?q=kindness"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Search")
    results = page.locator("main ol.result-list a")
    expect(results.first).to_be_visible()
    href = results.first.get_attribute("href")
    assert href
    activate(page, results.first, how)
    page.wait_for_url(demo_site(href) if href.startswith("/") else href)
    expect(page.get_by_role("heading", level=1).first).to_be_visible()
