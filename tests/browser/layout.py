"""Layout as a visitor sees it: what axe and Lighthouse do not look at.

``layout.js`` measures the page as it is rendered: sideways scrolling (WCAG 2.2 SC 1.4.10 Reflow),
text that leaves its box, images taller than three quarters of the viewport, targets under
24 x 24 px without the spacing that SC 2.5.8 accepts instead, and scroll regions a keyboard cannot
reach. ``TEXT_SPACING`` is the stylesheet of SC 1.4.12 (the WCAG test bookmarklet's values): the
same measurements must still pass with it applied, so nothing is clipped or overlaps.

One tab visits each page once and is resized through the widths, so a page type in both languages
and both colour schemes costs one page load each.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Page, ViewportSize

# Phones (small and common), a tablet upright, a tablet/small laptop across, a common laptop.
VIEWPORTS: list[ViewportSize] = [
    {"width": 320, "height": 568},
    {"width": 390, "height": 844},
    {"width": 768, "height": 1024},
    {"width": 1024, "height": 768},
    {"width": 1366, "height": 768},
]
# The widths the screenshots are taken at (the accessibility run adds 1280 and 390 px).
SCREENSHOT_WIDTHS = (320, 768, 1366)

# SC 1.4.12: line height 1.5, paragraph spacing 2 x font size, letter spacing 0.12 em, word
# spacing 0.16 em, applied with !important as a user style sheet would.
TEXT_SPACING = """
*, *::before, *::after {
  line-height: 1.5 !important;
  letter-spacing: 0.12em !important;
  word-spacing: 0.16em !important;
}
p { margin-bottom: 2em !important; }
"""

_MEASURE = (Path(__file__).with_name("layout.js")).read_text(encoding="utf-8")


def problems(page: Page) -> list[dict]:
    """What ``layout.js`` finds in the page as it is rendered now."""
    return page.evaluate(_MEASURE)


def load_lazy_images(page: Page) -> None:
    """Load every lazy image now and wait for them: a full-page screenshot does not scroll, so
    pictures below the fold would be blank boxes in it (their size is the same either way)."""
    page.evaluate(
        """() => Promise.all([...document.images].map((img) => {
            img.loading = "eager";
            if (img.complete) return null;
            return new Promise((done) => { img.onload = img.onerror = done; });
        }))"""
    )


def apply_text_spacing(page: Page) -> None:
    """Add the SC 1.4.12 overrides (until the next navigation).

    As a constructed style sheet, like a user style sheet: the site's CSP rightly refuses an
    inline ``<style>``, and the test must not need the policy loosened.
    """
    page.evaluate(
        """css => { const sheet = new CSSStyleSheet(); sheet.replaceSync(css);
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]; }""",
        TEXT_SPACING,
    )


@dataclass
class LayoutFindings:
    """Problems of one URL across widths and modes, one entry per check and element."""

    url: str
    found: dict[tuple[str, str], dict] = field(default_factory=dict)

    def add(self, mode: str, problems_: list[dict]) -> None:
        for problem in problems_:
            entry = self.found.setdefault(
                (problem["check"], problem["selector"]), {"detail": problem["detail"], "modes": []}
            )
            if mode not in entry["modes"]:
                entry["modes"].append(mode)

    def report(self) -> str:
        lines = [f"{self.url}: {len(self.found)} layout problem(s)"]
        for (check, selector), entry in sorted(self.found.items()):
            lines += [
                f"  [{check}] {selector}",
                f"    {entry['detail']}",
                f"    in: {', '.join(entry['modes'])}",
            ]
        return "\n".join(lines)
