"""The layout check itself: each rule fires on a page built to break it, and stays quiet on the
patterns the rules allow (spaced small targets, inline links, named scroll regions, the skip link,
a closed disclosure). Without this, a check that silently measured nothing would pass every page."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, ViewportSize

from .layout import apply_text_spacing, problems

pytestmark = [pytest.mark.xdist_group("browser")]

PHONE: ViewportSize = {"width": 320, "height": 568}


@pytest.fixture
def blank(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE)
    yield context.new_page()
    context.close()


def found(page: Page, body: str) -> dict[str, list[str]]:
    page.set_content(
        f"<!doctype html><html lang='en'><body style='margin:8px'>{body}</body></html>"
    )
    result: dict[str, list[str]] = {}
    for problem in problems(page):
        result.setdefault(problem["check"], []).append(problem["selector"])
    return result


def test_a_page_wider_than_the_viewport_is_sideways_scrolling(blank: Page) -> None:
    blank.set_content("<!doctype html><body><div class='wide' style='width:500px'>wide</div>")
    (sideways,) = [p for p in problems(blank) if p["check"] == "sideways scrolling"]
    assert "div.wide (right edge 508 px)" in sideways["detail"]


def test_a_long_word_past_its_border_is_text_leaving_its_box(blank: Page) -> None:
    result = found(
        blank,
        "<div class='card' style='width:100px;border:1px solid'>Supercalifragilisticexpialidocious"
        "</div>",
    )
    assert result["text leaves its box"] == ["html > body > div.card"]


def test_an_image_taller_than_three_quarters_of_the_screen(blank: Page) -> None:
    result = found(
        blank, "<img class='tall' alt='' width='300' height='600' style='display:block'>"
    )
    assert result["image taller than 3/4 of the viewport"] == ["html > body > img.tall"]


def test_small_targets_close_together_fail_but_spaced_or_inline_ones_pass(blank: Page) -> None:
    result = found(
        blank,
        "<button class='a' style='all:unset;display:block;width:16px;height:16px'></button>"
        "<button class='b' style='all:unset;display:block;width:16px;height:16px;margin-top:4px'>"
        "</button>"
        "<button class='alone' style='all:unset;display:block;width:16px;height:16px;"
        "margin-top:60px'></button>"
        "<p style='margin-top:60px'>Read <a href='#x'>the study</a> for details.</p>",
    )
    small = result["target smaller than 24 x 24 px and too close to another"]
    assert sorted(small) == ["html > body > button.a", "html > body > button.b"]


def test_a_scroll_region_needs_a_tab_stop_and_a_name(blank: Page) -> None:
    wide = "<div style='width:600px'>wide content</div>"
    result = found(
        blank,
        f"<div class='bare' style='overflow-x:auto'>{wide}</div>"
        f"<div class='named' style='overflow-x:auto' tabindex='0' role='region' "
        f"aria-label='Results'>{wide}</div>",
    )
    assert result["scroll region without keyboard access or name"] == ["html > body > div.bare"]


def test_the_skip_link_and_closed_disclosures_are_not_measured(blank: Page) -> None:
    result = found(
        blank,
        "<a href='#main' style='position:absolute;top:-10rem'>Skip to main content</a>"
        "<details style='width:100px;border:1px solid'><summary>More</summary>"
        "Supercalifragilisticexpialidocious</details>",
    )
    assert result == {}


def test_text_spacing_overrides_find_text_clipped_by_a_fixed_height(blank: Page) -> None:
    body = (
        "<p class='fixed' style='height:3.3em;line-height:1.1;overflow:hidden;width:280px'>"
        "Kindness is contagious: people who receive it pass it on to others.</p>"
    )
    assert found(blank, body) == {}
    apply_text_spacing(blank)
    assert "p.fixed" in problems(blank)[0]["selector"]
