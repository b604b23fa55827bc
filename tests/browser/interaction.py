"""Driving the page the way a person does: with the keyboard only, or with the mouse.

Journeys are parametrised over ``INPUTS``; ``activate`` and ``fill`` hide the difference so each
journey is written once and proves both ways work. Keyboard mode never clicks: it reaches controls
with Tab (so the tab order is tested too) and presses Enter or Space.
"""

from __future__ import annotations

from playwright.sync_api import Locator, Page

INPUTS = ["keyboard", "mouse"]
MAX_TABS = 120


def is_focused(locator: Locator) -> bool:
    return bool(locator.evaluate("el => el === document.activeElement"))


def focused_description(page: Page) -> str:
    return str(
        page.evaluate(
            "() => { const el = document.activeElement; if (!el) return 'nothing';"
            " return el.outerHTML.slice(0, 160); }"
        )
    )


def tab_to(page: Page, locator: Locator, backwards: bool = False) -> None:
    """Press Tab until ``locator`` has focus; fail if it is not in the tab order."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(MAX_TABS):
        if is_focused(locator):
            return
        page.keyboard.press(key)
    raise AssertionError(
        f"{locator} never received focus after {MAX_TABS} presses of {key}; "
        f"focus ended on {focused_description(page)}"
    )


def activate(page: Page, locator: Locator, how: str, key: str = "Enter") -> None:
    """Follow a link or press a button, with the mouse or with Tab + ``key``."""
    if how == "mouse":
        locator.click()
    else:
        tab_to(page, locator)
        page.keyboard.press(key)


def fill(page: Page, locator: Locator, text: str, how: str) -> None:
    """Type into a field, reaching it with Tab or by clicking it."""
    if how == "mouse":
        locator.click()
    else:
        tab_to(page, locator)
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type(text)


def choose(page: Page, select: Locator, label: str, how: str) -> None:
    """Pick an option of a native <select> by its visible text.

    Keyboard: focus it with Tab and type the start of the option, as people do (type-ahead works
    on a closed select). Mouse: Playwright cannot click inside the browser's native pop-up, so it
    clicks the select and then picks the option the way the pop-up would.
    """
    if how == "mouse":
        select.click()
        select.select_option(label=label)
        page.keyboard.press("Escape")
    else:
        tab_to(page, select)
        page.keyboard.type(label)
    chosen = select.evaluate("el => el.options[el.selectedIndex].text")
    assert chosen.strip() == label, f"selected {chosen!r} instead of {label!r}"
