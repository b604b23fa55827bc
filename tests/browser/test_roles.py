"""Each staff role, tried as a new staff member would in a real browser: a fresh account in one
group signs in, does its job, and finds what lies beyond its job absent from the menu and refused
at its address.

The demo site is served once for the package (see ``conftest.demo_site``); each test makes its
own user and its own content, so the tests do not depend on each other's order.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import Browser, Page, expect
from wagtail.models import Page as WagtailPage
from wagtail.models import Site, TaskState, WorkflowState

from kindness_site.editors.roles import (
    EDITORS,
    MODERATORS,
    NETWORK_COORDINATORS,
    NEWSLETTER_SENDERS,
    RESEARCH_LIBRARIANS,
    TRANSLATORS,
)

from .conftest import BROWSER, DESKTOP, DemoSite, new_context, sign_in_through_form

pytestmark = BROWSER

PASSWORD = "a-long-test-password-for-staff"
# Not the editor test's file: both tests import into the same demo database, in either order.
LIBRARIAN_BIBTEX = b"""@article{librarian2026,
  author = {Conti, Giulia},
  title = {Kindness imported by a research librarian},
  journal = {Journal of Kindness Studies},
  year = {2026},
  volume = {4},
  pages = {11--20},
}
"""
_numbers = itertools.count(1)


def _new_staff(role: str) -> str:
    """A new account in exactly one role group (committed: the live server must see it)."""
    username = f"{role.split()[0].lower()}{next(_numbers)}"
    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", PASSWORD, first_name=role
    )
    user.groups.set([Group.objects.get(name=role)])
    if getattr(settings, "OTP_REQUIRED", False):
        from kindness_site.security.twofactor import create_authenticator

        create_authenticator(user)
    return username


@pytest.fixture
def sign_in(browser: Browser, demo_site: DemoSite) -> Iterator[Callable[[str], Page]]:
    """``sign_in(role)``: a tab in which a new member of ``role`` has signed in to the admin
    through the login form (and the two-factor step when the site asks for it)."""
    contexts = []

    def open_as(role: str) -> Page:
        username = _new_staff(role)
        context = new_context(browser, demo_site, DESKTOP)
        contexts.append(context)
        page = context.new_page()
        sign_in_through_form(page, username, PASSWORD)
        return page

    yield open_as
    for context in contexts:
        context.close()


def _menu(page: Page):
    """The admin's sidebar menu, once its client-side rendering has finished (every role has
    the Help entry, so waiting for it means absent entries are really absent)."""
    sidebar = page.locator("#wagtail-sidebar")
    expect(sidebar.get_by_role("button", name=re.compile(r"^Help"))).to_be_visible()
    return sidebar


def _menu_lacks(page: Page, *labels: str) -> None:
    text = _menu(page).inner_text()
    for label in labels:
        assert label not in text, f"{label!r} is in the menu: {text!r}"


def _expect_refused(page: Page, path: str) -> None:
    """Wagtail answers a refused admin address by going back to the dashboard with a message;
    a plain view answers 403. Either way the page asked for is not shown."""
    response = page.goto(path)
    assert response is not None
    if response.status == 403:
        return
    assert page.url.rstrip("/").endswith("/admin"), f"{path} was not refused: {page.url}"
    expect(page.locator(".messages")).to_contain_text("permission")


def _more_actions(page: Page) -> None:
    page.locator("footer").get_by_role("button", name="More actions").click()


def _home() -> WagtailPage:
    return Site.objects.get(is_default_site=True).root_page


def _submitted_page(title: str) -> WagtailPage:
    """A draft page submitted to moderation by an editor, as the editor's test leaves one."""
    from pages.models import StandardPage

    author = get_user_model().objects.get(username=_new_staff(EDITORS))
    page = StandardPage(title=title, slug=re.sub(r"\W+", "-", title.lower()), live=False)
    _home().add_child(instance=page)
    page.save_revision(user=author)
    page.get_workflow().start(page, author)
    return page


def test_editor_drafts_a_page_and_submits_it_for_moderation(sign_in) -> None:
    page = sign_in(EDITORS)
    page.goto(f"/admin/pages/add/pages/standardpage/{_home().pk}/")
    page.locator("#id_title").press_sequentially("Kindness at work")
    page.keyboard.press("Tab")  # leaving the title fills in the slug, as for a person
    expect(page.locator("#id_slug")).to_have_value("kindness-at-work")
    _more_actions(page)
    page.get_by_role("button", name="Submit to Moderators approval").click()
    expect(page.locator(".messages")).to_contain_text("submitted for moderation")

    created = WagtailPage.objects.get(title="Kindness at work")
    assert not created.live
    state = WorkflowState.objects.get(object_id=str(created.pk), base_content_type__model="page")
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    # Nothing beyond the job: no publishing, no newsletter sends, no reference import.
    page.goto(f"/admin/pages/{created.pk}/edit/")
    _more_actions(page)
    footer = page.locator("footer")
    expect(footer.get_by_role("button", name="Publish", exact=True)).to_have_count(0)
    _menu_lacks(page, "Newsletter sends", "Import references")
    _expect_refused(page, "/admin/newsletter/sends/")


def test_moderator_approves_and_publishes(sign_in, demo_site: DemoSite) -> None:
    submitted = _submitted_page("Kindness in the library")
    page = sign_in(MODERATORS)
    # The submission waits on the dashboard.
    expect(page.get_by_text("Kindness in the library").first).to_be_visible()
    page.goto(f"/admin/pages/{submitted.pk}/edit/")
    _more_actions(page)
    page.get_by_role("button", name="Approve and Publish", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("has been updated")
    submitted.refresh_from_db()
    assert submitted.live
    assert page.request.get(demo_site(submitted.url)).status == 200
    # Nothing beyond the job: references are not theirs to import, subscribers not theirs.
    _menu_lacks(page, "Import references", "Subscribers")
    _expect_refused(page, "/admin/research/import/")


def _untranslated_italian_page(title: str) -> WagtailPage:
    """An English page with an Italian draft made by "Translate this page", not yet translated
    (the state in which a translator picks up the work)."""
    from wagtail.models import Locale
    from wagtail_localize.models import Translation, TranslationSource

    from pages.models import StandardPage

    english = StandardPage(title=title, slug=re.sub(r"\W+", "-", title.lower()))
    _home().add_child(instance=english)
    english.save_revision().publish()
    source, _created = TranslationSource.get_or_create_from_instance(english)
    translation = Translation.objects.create(
        source=source, target_locale=Locale.objects.get(language_code="it")
    )
    translation.save_target(publish=False)
    return english.get_translation(Locale.objects.get(language_code="it"))


def test_translator_translates_a_page_and_submits_it(sign_in) -> None:
    from wagtail_localize.models import StringTranslation

    italian = _untranslated_italian_page("Kind words")
    page = sign_in(TRANSLATORS)
    page.goto(f"/admin/pages/{italian.pk}/edit/")
    page.get_by_role("button", name="Translate").first.click()
    page.locator("textarea:visible").first.fill("Parole gentili")
    page.get_by_role("button", name="Save").first.click()
    # The translation editor saves each sentence in the background.
    for _attempt in range(40):
        if StringTranslation.objects.filter(data="Parole gentili").exists():
            break
        page.wait_for_timeout(250)
    expect(page.get_by_role("button", name=re.compile("Publish in"))).to_have_count(0)

    # The saved translation goes to the Moderators from the page explorer.
    submit_url = f"/admin/editors/submit/{italian.pk}/"
    # (The page explorer's "More options" menu links here: tested in
    # tests/kindness_site/editors/test_workflow.py.)
    page.goto(submit_url)
    page.get_by_role("button", name="Submit for approval").click()
    expect(page.locator(".messages")).to_contain_text("submitted to Moderators approval")

    italian.refresh_from_db()
    assert not italian.live
    assert italian.get_latest_revision_as_object().title == "Parole gentili"
    state = WorkflowState.objects.get(object_id=str(italian.pk), base_content_type__model="page")
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    # Nothing beyond the job: the English original is not theirs to edit.
    _expect_refused(page, f"/admin/pages/{italian.get_translation(_home().locale).pk}/edit/")
    _menu_lacks(page, "Newsletter sends")


def test_research_librarian_imports_a_bibtex_file(sign_in) -> None:
    from research.models import Reference

    page = sign_in(RESEARCH_LIBRARIANS)
    _menu(page).get_by_role("link", name="Import references").click()
    page.get_by_label("File").set_input_files(
        files=[{"name": "librarian.bib", "mimeType": "text/x-bibtex", "buffer": LIBRARIAN_BIBTEX}]
    )
    page.get_by_role("button", name="Preview the import").click()
    page.get_by_role("button", name="Confirm and import").click()
    expect(page.locator(".messages")).to_contain_text("Import finished")
    assert Reference.objects.filter(title="Kindness imported by a research librarian").exists()
    # Nothing beyond the job: no pages, no newsletter.
    _menu_lacks(page, "Pages", "Newsletter sends")
    _expect_refused(page, "/admin/newsletter/sends/")


def test_newsletter_sender_reaches_the_send_form(sign_in) -> None:
    from newsletter.models import NewsletterIssuePage

    issue = NewsletterIssuePage.objects.filter(locale__language_code="en").first()
    assert issue is not None, "the newsletter demo needs an issue"
    page = sign_in(NEWSLETTER_SENDERS)
    _menu(page).get_by_role("link", name="Newsletter sends").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("sends")
    page.goto(f"/admin/pages/{issue.pk}/edit/")
    page.locator("header").get_by_role("button", name="Actions").click()
    page.get_by_role("link", name="Send…").click()
    expect(page.get_by_role("button", name="Send a test to me")).to_be_visible()
    assert f"/admin/newsletter/issue/{issue.pk}/send/" in page.url
    # Nothing beyond the job: the research library and the network are not theirs.
    _menu_lacks(page, "References", "Network")
    _expect_refused(page, "/admin/research/import/")


def test_network_coordinator_approves_a_join_application(sign_in, page: Page) -> None:
    from pages.models import Member, NetworkPage

    network = NetworkPage.objects.filter(locale__language_code="en").first()
    assert network is not None, "the demo needs the network page"
    # A visitor applies through the public form.
    page.goto(network.url + "join/")
    form = page.locator("form.join-form")
    form.get_by_label("Name of the organisation").fill("Coordinated School")
    form.get_by_label("Kind", exact=True).select_option(label="School")
    form.get_by_label("Country", exact=True).select_option(label="Italy")
    form.get_by_label("Your name").fill("Maria Rossi")
    form.get_by_label("Your email address").fill("maria@example.org")
    form.get_by_role("checkbox", name=re.compile("I agree")).check()
    form.get_by_role("button", name="Send the application").click()
    page.wait_for_url(re.compile(r"/join/thanks/$"))
    member = Member.objects.get(name="Coordinated School")
    assert not member.live

    admin = sign_in(NETWORK_COORDINATORS)
    expect(admin.get_by_text("Coordinated School").first).to_be_visible()  # dashboard
    _menu(admin).get_by_role("link", name="Network").click()
    admin.get_by_role("link", name="Coordinated School").first.click()
    _more_actions(admin)
    admin.get_by_role("button", name="Approve and Publish", exact=True).click()
    expect(admin.locator(".messages")).to_contain_text("updated")
    member.refresh_from_db()
    assert member.live and member.status == "approved"
    assert not TaskState.objects.filter(
        workflow_state__object_id=str(member.pk), status=TaskState.STATUS_IN_PROGRESS
    ).exists()
    page.goto(network.url)
    expect(page.locator("main")).to_contain_text("Coordinated School")
    # Nothing beyond the job: no pages, no references.
    _menu_lacks(admin, "Pages", "References")
    _expect_refused(admin, f"/admin/pages/{network.pk}/edit/")
