"""The editor's guide: in the admin menu, in the staff member's language, every how-to there."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from kindness_site.editors.roles import EDITORS, NEWSLETTER_SENDERS

from .conftest import signed_in

pytestmark = pytest.mark.django_db

GUIDE = "/admin/editors-guide/"

SECTIONS_EN = [
    "Add a project",
    "Cite a reference",
    "Send a newsletter",
    "Approve a member of the network",
    "Translate a page into Italian",
    "Moderation: from draft to published",
]
SECTIONS_IT = [
    "Aggiungere un progetto",
    "Citare una fonte",
    "Inviare una newsletter",
    "Approvare un membro della rete",
    "Tradurre una pagina in italiano",
    "Moderazione: dalla bozza alla pubblicazione",
]


def test_guide_url_is_stable():
    assert reverse("kindness_editors_guide") == GUIDE


def test_help_menu_item_opens_the_guide(make_staff, home):
    html = signed_in(make_staff(EDITORS)).get(reverse("wagtailadmin_home")).content.decode()
    assert GUIDE in html
    assert "Editor\u0027s guide" in html or "Editor's guide" in html


def test_guide_in_english(make_staff):
    response = signed_in(make_staff(NEWSLETTER_SENDERS)).get(GUIDE)
    html = response.content.decode()
    assert response.status_code == 200
    for heading in SECTIONS_EN:
        assert heading in html
    assert 'lang="en"' in html
    assert "?lang=it" in html


def test_guide_in_the_users_admin_language(make_staff):
    user = make_staff(EDITORS)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "it"
    profile.save()
    html = signed_in(user).get(GUIDE).content.decode()
    for heading in SECTIONS_IT:
        assert heading in html
    assert "Guida per la redazione" in html  # the page title, translated
    assert "?lang=en" in html


def test_guide_language_can_be_chosen_and_bad_values_are_ignored(make_staff):
    client = signed_in(make_staff(EDITORS))
    assert "Citare una fonte" in client.get(GUIDE, {"lang": "it"}).content.decode()
    response = client.get(GUIDE, {"lang": "<script>"})
    assert response.status_code == 200
    assert "Cite a reference" in response.content.decode()


def test_guide_needs_a_staff_login(client):
    response = client.get(GUIDE)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
