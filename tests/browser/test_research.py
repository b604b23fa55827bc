"""Research library: filter the references, open one, and copy its citation ("Cite this")."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from .conftest import BROWSER, DemoSite
from .interaction import INPUTS, activate, is_focused
from .journeys import Feature, journey
from .page_types import example_url

pytestmark = [*BROWSER, pytest.mark.parametrize("how", INPUTS)]

RESEARCH_LIBRARY = Feature(
    models=("research.ResearchIndexPage", "research.Reference"),
    demo=("ResearchIndexPage",),
    templates=("research/research_index_page.html", "research/reference_page.html"),
    scripts=(("js/research.js", "data-copy-target"),),
)


def _count(page: Page) -> int:
    """The number in the results heading ("12 references")."""
    text = page.locator("#results-heading").inner_text()
    match = re.search(r"\d+", text)
    assert match, f"no count in the results heading {text!r}"
    return int(match.group())


@journey("research filters", when=RESEARCH_LIBRARY)
def test_research_filters_narrow_and_clear(page: Page, demo_site: DemoSite, how: str) -> None:
    page.goto(example_url("research.researchindexpage", "en"))
    total = _count(page)
    assert total > 1, "the demo library needs several references to filter"

    filters = page.locator("aside.research-filters")
    type_box = filters.get_by_role("group", name="Type").get_by_role("checkbox").first
    if how == "mouse":
        type_box.click()
    else:
        activate(page, type_box, how, key="Space")
    expect(type_box).to_be_checked()
    activate(page, filters.get_by_role("button", name="Apply filters"), how)
    page.wait_for_url(re.compile(r"[?&]type="))
    narrowed = _count(page)
    assert 0 < narrowed <= total
    # The choice survives the round trip, so the visitor sees what is applied.
    expect(
        page.locator("aside.research-filters")
        .get_by_role("group", name="Type")
        .get_by_role("checkbox")
        .first
    ).to_be_checked()
    cards = page.locator("ol.reference-results > li")
    expect(cards).to_have_count(min(narrowed, cards.count()))

    activate(page, page.get_by_role("link", name="Clear all filters"), how)
    page.wait_for_url(re.compile(r"^[^?]*$"))
    assert _count(page) == total


@journey('research "cite this" copy', when=RESEARCH_LIBRARY)
def test_cite_this_copies_the_citation(page: Page, demo_site: DemoSite, how: str) -> None:
    context: BrowserContext = page.context
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(example_url("research.researchindexpage", "en"))
    first = page.locator("ol.reference-results .reference-card__title a").first
    title = first.inner_text()
    activate(page, first, how)
    expect(page.get_by_role("heading", level=1)).to_have_text(title)

    cite = page.locator("section.cite-this")
    expect(cite.get_by_role("heading", name="Cite this")).to_be_visible()
    first_button = cite.get_by_role("button", name="Copy").first
    expect(first_button).to_be_visible()
    target_id = first_button.get_attribute("data-copy-target")
    button = cite.locator(f'button[data-copy-target="{target_id}"]')
    expected = page.locator(f"#{target_id}").inner_text().strip()
    assert expected, "the citation to copy is empty"
    activate(page, button, how)
    expect(button).to_have_text("Copied")
    if how == "keyboard":
        assert is_focused(button), "focus must stay on the button after copying"
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert " ".join(copied.split()) == " ".join(expected.split())
