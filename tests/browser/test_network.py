"""The network directory: filter members, and apply to join (errors first, then success)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .conftest import BROWSER, DemoSite
from .interaction import INPUTS, activate, choose, fill
from .journeys import Feature, journey
from .page_types import example_url

pytestmark = [*BROWSER, pytest.mark.parametrize("how", INPUTS)]

NETWORK = Feature(
    models=("pages.NetworkPage", "pages.Member"),
    demo=("NetworkPage",),
    templates=("pages/network_page.html", "pages/network_join.html"),
)


def _member_count(page: Page) -> int:
    text = page.locator(".listing__count").inner_text()
    match = re.search(r"\d+", text)
    assert match, f"no count in {text!r}"
    return int(match.group())


@journey("network filters", when=NETWORK)
def test_network_filters_narrow_and_clear(page: Page, demo_site: DemoSite, how: str) -> None:
    page.goto(example_url("pages.networkpage", "en"))
    total = _member_count(page)
    assert total > 1, "the demo network needs several members to filter"
    filters = page.locator("form.filters")
    country = filters.get_by_label("Country", exact=True)
    # The first real country in the list always has at least one approved member.
    first_country = country.locator("option").nth(1).inner_text().strip()
    choose(page, country, first_country, how)
    activate(page, filters.get_by_role("button", name="Show members"), how)
    page.wait_for_url(re.compile(r"[?&]country="))
    narrowed = _member_count(page)
    assert 0 < narrowed <= total
    expect(page.locator("form.filters").get_by_label("Country", exact=True)).to_have_value(
        re.compile(r"^[A-Z]{2}$")
    )
    expect(page.locator("ul.member-list > li")).not_to_have_count(0)
    activate(page, page.get_by_role("link", name="Clear filters"), how)
    page.wait_for_url(re.compile(r"^[^?]*$"))
    assert _member_count(page) == total


@journey("network join form (errors, then success)", when=NETWORK)
def test_join_form_shows_errors_then_accepts(page: Page, demo_site: DemoSite, how: str) -> None:
    from pages.models import Member

    page.goto(example_url("pages.networkpage", "en"))
    activate(page, page.locator(".network-hero a.button"), how)
    page.wait_for_url(re.compile(r"/join/$"))
    form = page.locator("form.join-form")
    submit = form.get_by_role("button", name="Send the application")

    # 1. Sending the empty form: an error summary, each error linked to its field.
    activate(page, submit, how)
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Please correct the marked fields")
    expect(summary.get_by_role("link", name=re.compile("Please enter the name"))).to_be_visible()
    activate(page, summary.get_by_role("link").first, how)
    assert page.evaluate("() => location.hash") == "#id_name"

    # 2. Fill it in, with a mistyped address first: the message says what is wrong, and nothing
    #    already typed is lost.
    name = f"Browser test school ({how})"
    fill(page, form.get_by_label("Name of the organisation"), name, how)
    choose(page, form.get_by_label("Kind", exact=True), "School", how)
    choose(page, form.get_by_label("Country", exact=True), "Italy", how)
    fill(page, form.get_by_label("Your name"), "Maria Rossi", how)
    fill(page, form.get_by_label("Your email address"), "maria@example", how)
    consent = form.get_by_role("checkbox", name=re.compile("I agree"))
    if how == "mouse":
        consent.click()
    else:
        activate(page, consent, how, key="Space")
    expect(consent).to_be_checked()
    activate(page, submit, how)
    expect(page.get_by_role("alert")).to_contain_text("does not look right")
    expect(form.get_by_label("Name of the organisation")).to_have_value(name)
    expect(form.get_by_role("checkbox", name=re.compile("I agree"))).to_be_checked()

    fill(page, form.get_by_label("Your email address"), "maria@example.org", how)
    activate(page, submit, how)
    # The fragment of the error link followed earlier survives the redirect; that is harmless.
    page.wait_for_url(re.compile(r"/join/thanks/(#.*)?$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")
    member = Member.objects.get(name=name)
    assert member.status == "pending" and member.contact_email == "maria@example.org"
    assert member.country.code == "IT" and member.kind == "school"
