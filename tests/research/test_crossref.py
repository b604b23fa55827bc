"""Add by DOI: Crossref answers come from a recorded fixture; the network is never touched."""

from __future__ import annotations

import json
import urllib.error
from email.message import Message
from pathlib import Path

import pytest

from research import crossref
from research.models import Reference

pytestmark = pytest.mark.django_db
FIXTURE = Path(__file__).parent / "fixtures" / "crossref_podsakoff2009.json"


@pytest.fixture
def recorded(monkeypatch):
    """Replace the HTTP layer: known DOIs answer from the fixture, others with a 404."""
    calls: list[str] = []

    def fake_fetch(url: str):
        calls.append(url)
        if "10.1037/a0013079" in url:
            return json.loads(FIXTURE.read_text())
        raise urllib.error.HTTPError(url, 404, "Not Found", Message(), None)

    monkeypatch.setattr(crossref, "fetch_json", fake_fetch)
    return calls


def test_lookup_parses_the_record(recorded):
    data = crossref.lookup("https://doi.org/10.1037/A0013079")
    assert recorded == [crossref.API.format(doi="10.1037/a0013079")]
    assert data.values["container_title"] == "Journal of Applied Psychology"
    assert data.values["issn"] == "0021-9010"
    assert (data.values["issued_year"], data.values["issued_month"]) == (2009, 1)
    assert [c["family"] for c in data.creators] == ["Podsakoff", "Whiting", "Podsakoff", "Blume"]


def test_unknown_and_invalid_dois(recorded):
    with pytest.raises(crossref.LookupError_, match="does not know"):
        crossref.lookup("10.9999/nothing")
    with pytest.raises(crossref.LookupError_, match="is not a DOI"):
        crossref.lookup("hello")


def test_network_failure_is_a_clear_message(monkeypatch):
    def down(url):
        raise urllib.error.URLError("no route")

    monkeypatch.setattr(crossref, "fetch_json", down)
    with pytest.raises(crossref.LookupError_, match="could not be reached"):
        crossref.lookup("10.1037/a0013079")


def test_differences_from_what_was_typed(recorded):
    found = crossref.lookup("10.1037/a0013079")
    diffs = {
        d.label: d
        for d in crossref.compare(
            {
                "title": "Individual- and organizational-level consequences of organizational "
                "citizenship behaviors: a meta-analysis.",
                "issued_year": 2019,
                "authors": "Podsakoff, N.",
            },
            found,
        )
    }
    assert not diffs["title"].differs
    assert diffs["year"].differs
    assert diffs["volume"].missing
    assert diffs["authors"].differs


def test_admin_lookup_then_save_records_verification(admin_client, admin_user, recorded):
    response = admin_client.post(
        "/admin/research/doi/",
        {"doi": "10.1037/a0013079", "issued_year": "2008", "action": "lookup"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Journal of Applied Psychology" in html and "Differs" in html
    assert Reference.objects.count() == 0
    response = admin_client.post(
        "/admin/research/doi/", {"doi": "10.1037/a0013079", "issued_year": "2008", "action": "save"}
    )
    assert response.status_code == 302
    ref = Reference.objects.get()
    assert ref.doi == "10.1037/a0013079" and ref.issued_year == 2009
    assert ref.verification_status == "corrected"
    assert "Crossref" in ref.verification_method and "year" in ref.verification_notes
    assert ref.checked_by == admin_user.get_username() and ref.checked_at is not None
    assert len(recorded) == 1  # the preview's answer is reused for the save


def test_admin_check_existing_reference(admin_client, reference_factory, recorded):
    ref = reference_factory(
        doi="10.1037/a0013079",
        title="OCB meta-analysis",
        container_title="Journal of Applied Psychology",
        issued_year=2009,
        volume="94",
        issue="1",
        page="122-141",
    )
    response = admin_client.get(f"/admin/research/doi/?reference={ref.pk}")
    assert "OCB meta-analysis" in response.content.decode()
    admin_client.post(
        "/admin/research/doi/",
        {"doi": ref.doi, "title": ref.title, "reference": ref.pk, "action": "save"},
    )
    ref.refresh_from_db()
    assert ref.title.startswith("Individual- and organizational-level")
    assert Reference.objects.count() == 1


def test_admin_bad_doi_is_explained(admin_client, recorded):
    html = admin_client.post(
        "/admin/research/doi/", {"doi": "10.9999/x", "action": "lookup"}
    ).content.decode()
    assert "Crossref does not know the DOI 10.9999/x" in html
