"""A video embed loads nothing from the provider until the visitor presses play."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, Route, expect

from .accessibility import Findings, violations
from .conftest import BROWSER, VIDEO_SLUG, VIDEO_TITLE, DemoSite
from .interaction import INPUTS, activate, is_focused
from .journeys import Feature, journey

pytestmark = BROWSER

VIDEO = Feature(
    templates=("blocks/video_block.html",),
    scripts=(("js/site.js", "data-video-embed"),),
)


def _block_third_parties(page: Page, demo_site: DemoSite) -> list[str]:
    """Abort every request that leaves the test server and remember where it went."""
    outside: list[str] = []

    def handle(route: Route) -> None:
        if urlsplit(route.request.url).hostname in {demo_site.host, "localhost", "127.0.0.1"}:
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", handle)
    return outside


@journey("video embed loads only after consent", when=VIDEO)
@pytest.mark.parametrize("how", INPUTS)
def test_video_loads_only_after_play(page: Page, demo_site: DemoSite, how: str) -> None:
    outside = _block_third_parties(page, demo_site)
    page.goto(f"/en/{VIDEO_SLUG}/")
    video = page.locator("[data-video-embed]")
    expect(video).to_contain_text("Playing loads the video from YouTube")
    expect(video.locator("iframe")).to_have_count(0)
    page.wait_for_load_state("networkidle")
    assert outside == [], f"requests left the site before consent: {outside}"

    play = page.get_by_role("link", name=re.compile(f"Play “{VIDEO_TITLE}”"))
    activate(page, play, how)
    frame = page.locator(f'iframe[title="{VIDEO_TITLE}"]')
    expect(frame).to_have_attribute("src", re.compile(r"^https://www\.youtube-nocookie\.com/"))
    if how == "keyboard":
        assert is_focused(frame), "focus must move to the player that replaced the button"
    page.wait_for_timeout(200)
    assert outside and all("youtube-nocookie.com" in url for url in outside), outside
    assert page.url.endswith(f"/en/{VIDEO_SLUG}/"), "play must not leave the page"


@journey("axe on a page with a video embed", when=VIDEO)
def test_video_page_has_no_axe_violations(
    page: Page, demo_site: DemoSite, screenshot_dir: Path
) -> None:
    _block_third_parties(page, demo_site)
    page.goto(f"/en/{VIDEO_SLUG}/")
    findings = Findings(f"/en/{VIDEO_SLUG}/")
    findings.add("1280 px light", violations(page))
    page.emulate_media(color_scheme="dark")
    findings.add("1280 px dark", violations(page, colour_only=True))
    page.screenshot(path=screenshot_dir / "video-embed-en-1280.png", full_page=True)
    if findings.found:
        pytest.fail(findings.report(), pytrace=False)
