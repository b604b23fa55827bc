"""Newsletter: sign up (errors, then success), confirm from the email, change preferences and
unsubscribe. The emails are read from Django's test outbox (the live server runs in-process)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from .conftest import BROWSER, DemoSite
from .interaction import INPUTS, activate, choose, fill
from .journeys import Feature, journey

pytestmark = [*BROWSER, pytest.mark.parametrize("how", INPUTS)]

NEWSLETTER = Feature(
    models=("newsletter.Subscriber",),
    templates=(
        "newsletter/subscribe.html",
        "newsletter/confirm.html",
        "newsletter/preferences.html",
        "newsletter/unsubscribed.html",
    ),
    urls=("newsletter_public:subscribe", "newsletter_public:confirm"),
)


def _link_in(mailoutbox: list, pattern: str) -> str:
    """The path of the first link matching ``pattern`` in the newest email."""
    assert mailoutbox, "no email was sent"
    body = mailoutbox[-1].body
    match = re.search(rf"https?://\S*{pattern}\S*", body)
    assert match, f"no link matching {pattern!r} in:\n{body}"
    return urlsplit(match.group()).path


def _sign_up(page: Page, email: str, how: str) -> None:
    form = page.locator("main form.newsletter-signup")
    fill(page, form.get_by_label("Email address"), email, how)
    consent = form.get_by_role("checkbox").last
    if not consent.is_checked():
        if how == "mouse":
            consent.click()
        else:
            activate(page, consent, how, key="Space")
    activate(page, form.get_by_role("button", name="Subscribe"), how)
    page.wait_for_url(re.compile(r"/newsletter/subscribe/thanks/$"))


@journey("newsletter sign-up, confirmation, preferences, unsubscribe", when=NEWSLETTER)
def test_newsletter_subscription_lifecycle(
    page: Page, demo_site: DemoSite, mailoutbox: list, settings, how: str
) -> None:
    from newsletter.models import Subscriber

    # A person takes longer than the time trap's minimum; the test does not have to wait.
    settings.NEWSLETTER_FORM_MIN_SECONDS = 0
    email = f"reader-{how}@example.org"
    page.goto("/en/newsletter/subscribe/")
    form = page.locator("main form.newsletter-signup")

    # 1. Errors: a mistyped address and no consent. The page says what to fix.
    fill(page, form.get_by_label("Email address"), "reader@", how)
    activate(page, form.get_by_role("button", name="Subscribe"), how)
    expect(page.locator("main .field-error").first).to_be_visible()
    expect(form.get_by_label("Email address")).to_have_attribute("aria-invalid", "true")
    assert not mailoutbox

    # 2. Success: a confirmation email, and nothing is subscribed until the link is used.
    _sign_up(page, email, how)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    subscriber = Subscriber.objects.get(email=email)
    assert not subscriber.receives_issues
    confirm_path = _link_in(mailoutbox, "/newsletter/confirm/")

    # 3. The link shows a button (mail scanners that open links confirm nobody).
    page.goto(confirm_path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm your subscription")
    activate(page, page.get_by_role("button", name="Yes, subscribe me"), how)
    expect(page.get_by_role("heading", level=1)).to_have_text("You are subscribed")
    subscriber.refresh_from_db()
    assert subscriber.receives_issues

    # 4. Signing up again sends the preferences link instead of a second subscription.
    page.goto("/en/newsletter/subscribe/")
    _sign_up(page, email, how)
    preferences_path = _link_in(mailoutbox, "/newsletter/preferences/")
    page.goto(preferences_path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Newsletter preferences")
    prefs = page.locator("form.newsletter-preferences")
    choose(page, prefs.get_by_label("Language of the newsletter"), "Italiano", how)
    activate(page, prefs.get_by_role("button", name="Save preferences"), how)
    expect(page.get_by_role("status")).to_contain_text("Your preferences have been saved.")
    subscriber.refresh_from_db()
    assert subscriber.language == "it"

    # 5. Unsubscribe from the same page.
    activate(page, page.get_by_role("button", name="Unsubscribe from the newsletter"), how)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed"
    assert not subscriber.receives_issues
