"""The Reference snippet in the admin: listing with filters, the edit form, menu entries."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_snippet_listing_and_forms(admin_client, reference_factory, areas):
    ref = reference_factory(title="Listed study")
    listing = admin_client.get(
        "/admin/snippets/research/reference/", {"verification_status": "unverified"}
    )
    assert listing.status_code == 200
    assert "Listed study" in listing.content.decode()
    assert admin_client.get("/admin/snippets/research/reference/add/").status_code == 200
    edit = admin_client.get(f"/admin/snippets/research/reference/edit/{ref.pk}/")
    assert edit.status_code == 200
    assert "Authors and editors" in edit.content.decode()


def test_admin_menu_links_import_and_doi(admin_client):
    html = admin_client.get("/admin/").content.decode()
    assert "/admin/research/import/" in html and "/admin/research/doi/" in html


def test_reference_chooser_for_citations(admin_client, reference_factory):
    reference_factory(title="Choosable study")
    response = admin_client.get("/admin/snippets/choose/research/reference/")
    assert response.status_code == 200
    assert "Choosable study" in response.content.decode()
