"""Editors' journeys in the Wagtail admin: write and publish a page with blocks, translate it to
Italian, import references from a BibTeX file, preview a newsletter issue as email and send a test.
"""

from __future__ import annotations

import re

from playwright.sync_api import FilePayload, Page, expect
from wagtail.models import Page as WagtailPage
from wagtail.models import Site

from .conftest import BROWSER, DemoSite
from .journeys import Feature, journey

pytestmark = BROWSER

TRANSLATION = Feature(urls=("wagtail_localize:submit_page_translation",))
BIBTEX_IMPORT = Feature(models=("research.Reference",), urls=("research_import",))
NEWSLETTER_EMAIL = Feature(
    models=("newsletter.NewsletterIssuePage",),
    urls=("newsletter_admin:preview_email", "newsletter_admin:send_test"),
    demo=("NewsletterIssuePage",),
)


def _open_actions(page: Page) -> None:
    """Open the page header's "Actions" menu (Translate, Preview email, Send… live there)."""
    page.locator("header").get_by_role("button", name="Actions").click()


def _create_and_publish(page: Page, title: str) -> WagtailPage:
    home = Site.objects.get(is_default_site=True).root_page
    page.goto(f"/admin/pages/add/pages/standardpage/{home.pk}/")
    # Typed key by key so Wagtail fills in the slug from the title, as it does for people.
    page.locator("#id_title").press_sequentially(title)
    body = page.locator("[data-contentpath='body']")
    body.locator(".c-sf-add-button").last.click()
    page.get_by_role("option", name="Heading").click()
    body.locator("input[name$='-value-text']").first.fill("Why kindness works")
    body.locator(".c-sf-add-button").last.click()
    page.get_by_role("option", name="Paragraph").click()
    body.locator(".DraftEditor-root [contenteditable=true]").last.click()
    page.keyboard.type("Kindness, written and published from a real browser.")
    # Draftail writes its state to the block's hidden input a moment after typing stops.
    expect(body.locator("input[name='body-1-value']")).to_have_value(
        re.compile("published from a real browser")
    )
    page.locator("footer").get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    # Wagtail's autosave may already have created a draft, so either message is a success.
    expect(page.locator(".messages")).to_contain_text(
        re.compile(rf"Page '{re.escape(title)}' (created and published|has been published)")
    )
    return WagtailPage.objects.get(title=title, locale__language_code="en")


def test_editor_publishes_a_page_with_blocks(
    admin_page: Page, page: Page, demo_site: DemoSite
) -> None:
    created = _create_and_publish(admin_page, "Written in the browser")
    assert created.live
    page.goto(created.get_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Written in the browser")
    expect(page.get_by_role("heading", level=2, name="Why kindness works")).to_be_visible()
    expect(page.locator("main")).to_contain_text("written and published from a real browser")


@journey("editor translates a page to Italian (wagtail-localize)", when=TRANSLATION)
def test_editor_translates_a_page_to_italian(
    admin_page: Page, page: Page, demo_site: DemoSite
) -> None:
    source = _create_and_publish(admin_page, "To be translated")
    admin_page.goto(f"/admin/pages/{source.pk}/edit/")
    _open_actions(admin_page)
    admin_page.locator("header").get_by_role("link", name="Translate this page").click()
    italian = admin_page.get_by_role("checkbox", name="Italiano")
    if not italian.is_checked():
        italian.check()
    admin_page.get_by_role("button", name="Submit").click()

    # The translation editor: translate the title, save it, publish the Italian page.
    admin_page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    admin_page.get_by_role("button", name="Translate").first.click()
    admin_page.locator("textarea:visible").first.fill("Da tradurre")
    admin_page.get_by_role("button", name="Save").first.click()
    admin_page.get_by_role("button", name="Publish in Italiano").click()
    expect(admin_page.locator(".messages")).to_contain_text("Published 'Da tradurre' in Italiano")

    translation = WagtailPage.objects.get(
        translation_key=source.translation_key, locale__language_code="it"
    )
    assert translation.live and translation.title == "Da tradurre"
    page.goto(translation.get_url())
    expect(page.locator("html")).to_have_attribute("lang", "it")
    expect(page.get_by_role("heading", level=1)).to_have_text("Da tradurre")


BIBTEX = b"""@article{browser2026,
  author = {Rossi, Maria and Bianchi, Luca},
  title = {Kindness measured by a browser test},
  journal = {Journal of Kindness Studies},
  year = {2026},
  volume = {3},
  pages = {1--10},
}
"""


@journey("editor imports a BibTeX file", when=BIBTEX_IMPORT)
def test_editor_imports_bibtex(admin_page: Page, demo_site: DemoSite) -> None:
    from research.models import Reference

    admin_page.goto("/admin/")
    admin_page.get_by_role("link", name="Import references").click()
    admin_page.get_by_label("File").set_input_files(
        files=[FilePayload(name="kindness.bib", mimeType="text/x-bibtex", buffer=BIBTEX)]
    )
    admin_page.get_by_role("button", name="Preview the import").click()
    preview = admin_page.locator(".research-import-preview")
    expect(preview).to_contain_text("1 to create")
    expect(preview.get_by_role("cell", name="Kindness measured by a browser test")).to_be_visible()
    assert not Reference.objects.filter(title="Kindness measured by a browser test").exists()
    admin_page.get_by_role("button", name="Confirm and import").click()
    expect(admin_page.locator(".messages")).to_contain_text("Import finished: 1 created")
    reference = Reference.objects.get(title="Kindness measured by a browser test")
    assert reference.creators.count() == 2


@journey("newsletter issue: preview as email and send a test", when=NEWSLETTER_EMAIL)
def test_editor_previews_an_issue_and_sends_a_test(
    admin_page: Page, demo_site: DemoSite, mailoutbox: list
) -> None:
    from newsletter.models import NewsletterIssuePage

    issue = NewsletterIssuePage.objects.filter(locale__language_code="en").first()
    assert issue is not None, "the newsletter demo needs an issue"
    admin_page.goto(f"/admin/pages/{issue.pk}/edit/")
    _open_actions(admin_page)
    with admin_page.expect_popup() as opened:
        admin_page.get_by_role("link", name="Preview email (English)").click()
    preview = opened.value
    preview.wait_for_load_state()
    assert "/preview/en/" in preview.url
    expect(preview.locator("body")).to_contain_text(issue.title)
    preview.close()

    admin_page.goto(f"/admin/pages/{issue.pk}/edit/")
    _open_actions(admin_page)
    admin_page.get_by_role("link", name="Send…").click()
    admin_page.get_by_role("button", name="Send a test to me").click()
    expect(admin_page.locator(".messages")).to_contain_text("Test sent to editor@example.org")
    subjects = [message.subject for message in mailoutbox]
    assert subjects and all(subject.startswith("[TEST]") for subject in subjects), subjects
    assert {message.to[0] for message in mailoutbox} == {"editor@example.org"}
