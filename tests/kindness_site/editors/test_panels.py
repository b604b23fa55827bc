"""Dashboard panels: each renders with data and without, within a fixed query budget."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.models import ReferenceIndex
from wagtail.rich_text import RichText

from kindness_site.editors import panels
from kindness_site.editors.roles import (
    EDITORS,
    NETWORK_COORDINATORS,
    NEWSLETTER_SENDERS,
    RESEARCH_LIBRARIANS,
)
from newsletter.models import Delivery, NewsletterIndexPage, NewsletterIssuePage, Send, Subscriber
from pages.models import Member, StandardPage
from research.models import Reference
from tests.conftest import publish_child

from .conftest import signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("boss", "boss@example.org", "pw-boss-1234")


def render(panel_class, user, language: str = "en") -> str:
    request = RequestFactory().get("/admin/")
    request.user = user
    with translation.override(language):
        return panel_class(request).render_html({"request": request, "csrf_token": "x"})


def query_count(panel_class, user) -> int:
    with CaptureQueriesContext(connection) as ctx:
        render(panel_class, user)
    return len(ctx.captured_queries)


# --- data builders --------------------------------------------------------------------------


def add_members(n: int) -> None:
    start = Member.objects.count()
    Member.objects.bulk_create(
        Member(name=f"Scuola {i}", kind="school", country="IT", status="pending", live=False)
        for i in range(start, start + n)
    )


def add_subscribers(n: int) -> None:
    start = Subscriber.objects.count()
    Subscriber.objects.bulk_create(
        Subscriber(email=f"s{i}@example.org", language="en", status="confirmed", token=f"t{i}")
        for i in range(start, start + n)
    )


def newsletter_issue(home) -> NewsletterIssuePage:
    issue = NewsletterIssuePage.objects.filter(slug="spring").first()
    if issue is None:
        index = publish_child(home, NewsletterIndexPage(title="Newsletter", slug="newsletter"))
        issue = publish_child(index, NewsletterIssuePage(title="Spring issue", slug="spring"))
    return issue


def add_sends(home, n: int) -> None:
    issue = newsletter_issue(home)
    start = Send.objects.count()
    for i in range(start, start + n):
        send = Send.objects.create(issue=issue, languages=["en"], status="running")
        Delivery.objects.create(
            send=send,
            issue=issue,
            email=f"d{i}@example.org",
            language="en",
            status="sent",
            delivered=True,
        )


def add_references(n: int) -> None:
    start = Reference.objects.count()
    Reference.objects.bulk_create(
        Reference(
            title=f"Kindness study {i}",
            csl_type="article-journal",
            issued_year=2020,
            slug=f"study-{i}",
        )
        for i in range(start, start + n)
    )


def add_broken_links(home, n: int) -> None:
    """``n`` published pages, each with a rich-text link to a page that is then unpublished."""
    start = StandardPage.objects.filter(slug__startswith="linking-").count()
    for i in range(start, start + n):
        target = publish_child(home, StandardPage(title=f"Old page {i}", slug=f"old-{i}"))
        link = f'<p>See <a linktype="page" id="{target.pk}">the old page</a>.</p>'
        publish_child(
            home,
            StandardPage(
                title=f"Linking page {i}", slug=f"linking-{i}", body=[("paragraph", RichText(link))]
            ),
        )
        target.unpublish()


BUILDERS = {
    panels.PendingApplicationsPanel: lambda home, n: add_members(n),
    panels.NewSubscribersPanel: lambda home, n: add_subscribers(n),
    panels.SendsInProgressPanel: add_sends,
    panels.ReferencesNeedingAttentionPanel: lambda home, n: add_references(n),
    panels.BrokenLinksPanel: add_broken_links,
}

EXPECTED_TEXT = {
    panels.PendingApplicationsPanel: "Scuola 0",
    panels.NewSubscribersPanel: "Confirmed subscribers in total",
    panels.SendsInProgressPanel: "Spring issue",
    panels.ReferencesNeedingAttentionPanel: "Kindness study",
    panels.BrokenLinksPanel: "Old page",
}

EMPTY_TEXT = {
    panels.PendingApplicationsPanel: "No applications are waiting",
    panels.NewSubscribersPanel: "Signed up in the last 7 days",
    panels.SendsInProgressPanel: "No send is scheduled, running or paused",
    panels.ReferencesNeedingAttentionPanel: "Every reference is verified and complete",
    panels.BrokenLinksPanel: "No published content links",
}


@pytest.mark.parametrize("panel_class", list(BUILDERS), ids=lambda c: c.name)
def test_panel_renders_empty(panel_class, superuser, home):
    html = render(panel_class, superuser)
    assert EMPTY_TEXT[panel_class] in html


@pytest.mark.parametrize("panel_class", list(BUILDERS), ids=lambda c: c.name)
def test_panel_renders_with_data_within_a_fixed_budget(
    panel_class, superuser, home, django_assert_max_num_queries
):
    BUILDERS[panel_class](home, 10)
    with django_assert_max_num_queries(12):
        html = render(panel_class, superuser)
    assert EXPECTED_TEXT[panel_class] in html
    ten = query_count(panel_class, superuser)
    BUILDERS[panel_class](home, 40)
    assert query_count(panel_class, superuser) == ten


def test_panel_in_italian(superuser, home):
    add_members(2)
    html = render(panels.PendingApplicationsPanel, superuser, "it")
    assert "Organisation" not in html
    assert "Scuola 0" in html


def test_broken_link_to_a_deleted_page(superuser, home):
    """Wagtail 8 drops index rows pointing at a page when it is deleted normally (and warns
    about its usage first); a row left pointing at a missing page (raw SQL, an import) is listed."""
    add_broken_links(home, 1)
    target = StandardPage.objects.get(slug="old-0")
    target_id = target.pk
    row = ReferenceIndex.objects.filter(to_object_id=str(target_id)).first()
    assert row is not None
    target.delete()
    assert not ReferenceIndex.objects.filter(to_object_id=str(target_id)).exists()
    row.pk = None
    row.save()  # as if left behind by a deletion that bypassed Wagtail
    html = render(panels.BrokenLinksPanel, superuser)
    assert f"Deleted page (number {target_id})" in html
    assert "Linking page 0" in html


def test_a_draft_linking_to_a_draft_is_not_a_broken_link(superuser, home):
    add_broken_links(home, 1)
    StandardPage.objects.get(slug="linking-0").unpublish()
    assert EMPTY_TEXT[panels.BrokenLinksPanel] in render(panels.BrokenLinksPanel, superuser)


def test_references_panel_names_what_is_missing(superuser, home):
    Reference.objects.create(
        title="A book without publisher",
        csl_type="book",
        issued_year=2019,
        slug="book",
        verification_status="verified",
        verification_method="WorldCat",
    )
    html = render(panels.ReferencesNeedingAttentionPanel, superuser)
    assert "A book without publisher" in html
    assert "Complete the missing fields" in html


def test_sends_panel_shows_the_figures(superuser, home):
    add_sends(home, 1)
    html = render(panels.SendsInProgressPanel, superuser)
    assert "1 / 1" in html


@pytest.mark.parametrize(
    ("role", "shown", "hidden"),
    [
        (NETWORK_COORDINATORS, "kindness-pending-applications", "kindness-sends-in-progress"),
        (NEWSLETTER_SENDERS, "kindness-sends-in-progress", "kindness-pending-applications"),
        (RESEARCH_LIBRARIANS, "kindness-references-attention", "kindness-new-subscribers"),
        (EDITORS, "kindness-broken-links", "kindness-references-attention"),
    ],
)
def test_each_role_sees_the_panels_it_acts_on(make_staff, home, role, shown, hidden):
    response = signed_in(make_staff(role)).get(reverse("wagtailadmin_home"))
    html = response.content.decode()
    assert response.status_code == 200
    assert shown in html
    assert hidden not in html


def test_dashboard_keeps_wagtails_moderation_panel(superuser, home):
    from wagtail.admin.views.home import WorkflowObjectsToModeratePanel

    request = RequestFactory().get("/admin/")
    request.user = superuser
    found: list = [WorkflowObjectsToModeratePanel()]
    panels.add_dashboard_panels(request, found)
    assert isinstance(found[0], WorkflowObjectsToModeratePanel)
    assert {type(p) for p in found[1:]} == set(panels.PANELS)
