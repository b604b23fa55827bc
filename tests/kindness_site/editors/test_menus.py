"""Each role sees in the admin menu exactly the entries it can use, and the URLs behind the
entries it does not see refuse it."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.urls import reverse
from wagtail.admin.menu import SubmenuMenuItem, admin_menu

from kindness_site.editors.roles import (
    EDITORS,
    MODERATORS,
    NETWORK_COORDINATORS,
    NEWSLETTER_SENDERS,
    RESEARCH_LIBRARIANS,
    TRANSLATORS,
)
from tests.conftest import publish_child

pytestmark = pytest.mark.django_db

# The project's own entries (Wagtail's built-in ones, such as Images, gate themselves).
ENTRIES = {
    "pages": "explorer",
    "team": "team",
    "organisations": "organisations",
    "network": "network",
    "references": "references",
    "import": "import-references",
    "doi": "add-reference-by-doi",
    "sends": "newsletter-sends",
    "subscribers": "subscribers",
    "areas": "areas",
    "menus": "menus",
}

VISIBLE = {
    EDITORS: {"pages", "team", "organisations", "network", "references", "menus"},
    MODERATORS: {"pages", "team", "organisations", "references", "menus"},
    TRANSLATORS: {"pages", "team", "organisations", "areas", "menus"},
    RESEARCH_LIBRARIANS: {"references", "import", "doi"},
    NEWSLETTER_SENDERS: {"pages", "sends"},
    NETWORK_COORDINATORS: {"network"},
}


def menu_names(user) -> set[str]:
    """Names of the top-level entries (and of submenu entries) the user is shown."""
    request = RequestFactory().get("/admin/")
    request.user = user
    names = set()
    for item in admin_menu.menu_items_for_request(request):
        names.add(item.name)
        if isinstance(item, SubmenuMenuItem):
            names |= {child.name for child in item.menu.menu_items_for_request(request)}
    return names


@pytest.fixture
def newsletter_section(home):
    """The newsletter section, which opens the page tree to Newsletter senders."""
    from newsletter.models import NewsletterIndexPage

    return publish_child(home, NewsletterIndexPage(title="Newsletter", slug="newsletter"))


@pytest.mark.parametrize("role", sorted(VISIBLE))
def test_each_role_sees_only_the_entries_it_can_use(make_staff, home_it, newsletter_section, role):
    names = menu_names(make_staff(role))
    shown = {key for key, name in ENTRIES.items() if name in names}
    assert shown == VISIBLE[role], names


@pytest.mark.parametrize(
    ("url_name", "allowed"),
    [
        ("newsletter_admin:send_list", {NEWSLETTER_SENDERS}),
        ("research_import", {RESEARCH_LIBRARIANS}),
        ("research_doi", {RESEARCH_LIBRARIANS}),
    ],
)
def test_hidden_entries_refuse_the_other_roles(staff_client, url_name, allowed):
    url = reverse(url_name)
    for role in VISIBLE:
        response = staff_client(role).get(url)
        if role in allowed:
            assert response.status_code == 200, role
        else:
            assert refused(response), (role, response.status_code)


def refused(response) -> bool:
    """Wagtail's admin answers a refused permission by sending the user back to the dashboard
    with a message; a plain Django view answers 403."""
    if response.status_code == 302:
        return response["Location"] == reverse("wagtailadmin_home")
    return response.status_code == 403


def test_send_details_refuse_staff_without_the_view_permission(staff_client):
    from newsletter.models import Send

    assert not Send.objects.exists()  # refused before the send is even looked up
    url = reverse("newsletter_admin:send_detail", args=[1])
    assert refused(staff_client(EDITORS).get(url))
