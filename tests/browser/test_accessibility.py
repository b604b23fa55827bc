"""Every public page type, in English and Italian: axe (light, dark, phone) plus screenshots."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import pytest
from playwright.sync_api import Page, ViewportSize

from .accessibility import Findings, violations
from .conftest import BROWSER, DESKTOP, MOBILE, DemoSite
from .page_types import LANGUAGES, PublicPage, public_pages

pytestmark = BROWSER


def _audit(page: Page, url: str, name: str, shots: Path, expected_status: int = 200) -> None:
    """Open ``url`` and check it three ways: desktop light, desktop dark and phone.

    The phone run catches target sizes, overflow and hidden controls of the mobile layout; the
    dark run re-checks colour contrast with the dark palette. Screenshots go to var/screenshots.
    """
    response = page.goto(url)
    assert response is not None
    assert response.status == expected_status, f"{url} answered {response.status}"
    findings = Findings(url)
    schemes: tuple[tuple[Literal["light", "dark"], ViewportSize], ...] = (
        ("light", DESKTOP),
        ("dark", DESKTOP),
        ("light", MOBILE),
    )
    for scheme, viewport in schemes:
        page.set_viewport_size(viewport)
        page.emulate_media(color_scheme=scheme)
        findings.add(
            f"{viewport['width']} px {scheme}", violations(page, colour_only=scheme == "dark")
        )
        suffix = "" if scheme == "light" else "-dark"
        page.screenshot(path=shots / f"{name}-{viewport['width']}{suffix}.png", full_page=True)
    if findings.found:
        pytest.fail(findings.report(), pytrace=False)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("target", public_pages(routed=False), ids=str)
def test_page_has_no_axe_violations(
    page: Page, demo_site: DemoSite, screenshot_dir: Path, target: PublicPage, language: str
) -> None:
    url = target.url(language)
    _audit(page, url, target.shot(language), screenshot_dir, target.expected_status)
