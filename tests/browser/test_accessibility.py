"""Every public page type, in English and Italian: axe (light, dark, phone) plus screenshots."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from .accessibility import describe, violations
from .conftest import BROWSER, DESKTOP, MOBILE, DemoSite
from .page_types import EXTRA_PAGES, example_url, page_model_labels

pytestmark = BROWSER
LANGUAGES = ["en", "it"]


def _audit(page: Page, url: str, name: str, shots: Path, expected_status: int = 200) -> None:
    """Open ``url`` and check it three ways: desktop light, desktop dark and phone light.

    Dark mode matters for colour contrast only, but a full run costs little and also catches
    dark-only rules (for example focus outlines that vanish). The phone run catches target sizes
    and overflow in the mobile layout.
    """
    response = page.goto(url)
    assert response is not None
    assert response.status == expected_status, f"{url} answered {response.status}"
    reports = []
    for scheme, viewport in (("light", DESKTOP), ("dark", DESKTOP), ("light", MOBILE)):
        page.set_viewport_size(viewport)
        page.emulate_media(color_scheme=scheme)
        found = violations(page)
        suffix = "" if scheme == "light" else "-dark"
        page.screenshot(path=shots / f"{name}-{viewport['width']}{suffix}.png", full_page=True)
        if found:
            reports.append(describe(found, f"{url} at {viewport['width']} px, {scheme} mode"))
    assert not reports, "\n\n".join(reports)


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
