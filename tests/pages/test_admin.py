"""Editors tag content by ticking areas of the page's language, and approve applications."""

import pytest
from django.urls import reverse

from pages.models import Member, MemberStatus

pytestmark = pytest.mark.django_db


def test_story_form_offers_area_checkboxes_of_its_language_only(admin_client, tree, areas):
    index = tree["it"]["stories"]
    url = reverse("wagtailadmin_pages:add", args=["pages", "storypage", index.pk])
    html = admin_client.get(url).content.decode()
    assert 'type="checkbox" name="areas"' in html
    assert "Salute" in html
    assert ">Health<" not in html


def test_section_and_network_pages_open_in_the_editor(admin_client, tree):
    for name in ("section", "network", "stories"):
        url = reverse("wagtailadmin_pages:edit", args=[tree["en"][name].pk])
        assert admin_client.get(url).status_code == 200


def test_member_snippet_lists_pending_and_bulk_approves(admin_client, make_member):
    pending = make_member(1, status=MemberStatus.PENDING)
    listing = reverse("wagtailsnippets_pages_member:list")
    response = admin_client.get(listing + "?status=pending")
    assert response.status_code == 200
    assert pending.name in response.content.decode()
    action = (
        reverse("wagtail_bulk_action", args=["pages", "member", "approve"]) + f"?id={pending.pk}"
    )
    assert admin_client.get(action).status_code == 200
    assert admin_client.post(action).status_code == 302
    assert Member.objects.get(pk=pending.pk).status == MemberStatus.APPROVED
