"""Every public page type, in English and Italian: axe (light, dark, phone) plus screenshots."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import pytest
from playwright.sync_api import Page, ViewportSize

from .accessibility import Findings, violations
from .conftest import BROWSER, DESKTOP, MOBILE, DemoSite
from .page_types import EXTRA_PAGES, example_url, page_model_labels

pytestmark = BROWSER
LANGUAGES = ["en", "it"]


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
@pytest.mark.parametrize("label", page_model_labels())
def test_page_type_has_no_axe_violations(
    page: Page, demo_site: DemoSite, screenshot_dir: Path, label: str, language: str
) -> None:
    url = example_url(label, language)
    _audit(page, url, f"{label.replace('.', '-')}-{language}", screenshot_dir)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", sorted(EXTRA_PAGES))
def test_view_has_no_axe_violations(
    page: Page, demo_site: DemoSite, screenshot_dir: Path, name: str, language: str
) -> None:
    url = EXTRA_PAGES[name].format(lang=language)
    status = 404 if name == "not-found" else 200
    _audit(page, url, f"{name}-{language}", screenshot_dir, expected_status=status)
