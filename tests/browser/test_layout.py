"""Every public page type, in English and Italian, light and dark, at five widths: nothing scrolls
sideways, no text leaves its box, no image fills the screen, targets are big enough or spaced, and
the SC 1.4.12 text-spacing overrides lose nothing. Screenshots at three widths go to
var/screenshots (``<type>-<lang>-<width>.png``) for a person to look at."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from .conftest import BROWSER, DemoSite
from .layout import (
    SCREENSHOT_WIDTHS,
    VIEWPORTS,
    LayoutFindings,
    apply_text_spacing,
    load_lazy_images,
    problems,
)
from .page_types import LANGUAGES, PublicPage, public_pages

pytestmark = BROWSER


def _check(page: Page, url: str, name: str, shots: Path, expected_status: int = 200) -> None:
    """Load ``url`` once and measure it at every width, light, dark and with text spacing."""
    response = page.goto(url)
    assert response is not None
    assert response.status == expected_status, f"{url} answered {response.status}"
    findings = LayoutFindings(url)
    load_lazy_images(page)
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        for viewport in VIEWPORTS:
            page.set_viewport_size(viewport)
            findings.add(f"{viewport['width']} px {scheme}", problems(page))
            if scheme == "light" and viewport["width"] in SCREENSHOT_WIDTHS:
                page.screenshot(path=shots / f"{name}-{viewport['width']}.png", full_page=True)
    apply_text_spacing(page)
    page.emulate_media(color_scheme="light")
    for viewport in VIEWPORTS:
        page.set_viewport_size(viewport)
        findings.add(f"{viewport['width']} px text spacing", problems(page))
    if findings.found:
        pytest.fail(findings.report(), pytrace=False)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("target", public_pages(), ids=str)
def test_layout_holds_at_every_width(
    page: Page, demo_site: DemoSite, screenshot_dir: Path, target: PublicPage, language: str
) -> None:
    url = target.url(language)
    _check(page, url, target.shot(language), screenshot_dir, target.expected_status)
