"""The library re-checked against Crossref (a stand-in answers): differences, retractions and
corrections stored, listed on the dashboard and on the reference's edit page."""

from __future__ import annotations

import urllib.error
from email.message import Message
from io import StringIO

import pytest
from django.core.management import call_command

from research import checking, crossref
from research.models import Reference

pytestmark = pytest.mark.django_db

WORKS = {
    "10.1000/retracted": {
        "title": ["Kindness cures everything"],
        "container-title": ["Journal of Hope"],
        "issued": {"date-parts": [[2015, 3]]},
        "author": [{"given": "Anna", "family": "Smith"}],
        "updated-by": [{"DOI": "10.1000/RETRACTION", "type": "retraction", "label": "Retraction"}],
    },
    "10.1000/corrected": {
        "title": ["A careful study of giving"],
        "container-title": ["Journal of Care"],
        "issued": {"date-parts": [[2019]]},
        "author": [{"given": "Marco", "family": "Rossi"}, {"given": "Lia", "family": "Bianchi"}],
    },
    "10.1000/clean": {
        "title": ["Trust: The Neuroscience"],
        "container-title": ["Harvard Business Review"],
        "issued": {"date-parts": [[2017]]},
        "author": [{"given": "Paul J.", "family": "Zák"}],
    },
}
NOTICES = {
    "10.1000/corrected": [
        {"DOI": "10.1000/erratum", "update-to": [{"DOI": "10.1000/corrected", "type": "erratum"}]}
    ],
}


@pytest.fixture
def stand_in(monkeypatch):
    calls: list[str] = []

    def fake_fetch(url: str):
        calls.append(url)
        if "filter=updates:" in url:
            doi = url.split("filter=updates:")[1].split("&")[0]
            return {"message": {"items": NOTICES.get(doi, [])}}
        doi = url.split("/works/")[1]
        if doi in WORKS:
            return {"message": WORKS[doi]}
        if doi == "10.1000/offline":
            raise urllib.error.URLError("no route")
        raise urllib.error.HTTPError(url, 404, "Not Found", Message(), None)

    monkeypatch.setattr(crossref, "fetch_json", fake_fetch)
    return calls


@pytest.fixture
def library_refs(reference_factory):
    return {
        "retracted": reference_factory(
            title="Kindness cures everything",
            container_title="Journal of Hope",
            issued_year=2015,
            doi="10.1000/retracted",
            authors=[("Smith", "Anna")],
        ),
        "corrected": reference_factory(
            title="A careful study of generosity",
            container_title="Journal of Care",
            issued_year=2018,
            doi="10.1000/corrected",
            authors=[("Rossi", "Marco")],
        ),
        "clean": reference_factory(
            title="Trust: the neuroscience",
            container_title="Harvard Business Review",
            issued_year=2017,
            doi="10.1000/clean",
            authors=[("Zak", "Paul J.")],
        ),
        "unknown": reference_factory(title="Lost", doi="10.1000/unknown", issued_year=2001),
        "offline": reference_factory(title="Offline", doi="10.1000/offline", issued_year=2002),
        "no_doi": reference_factory(title="No DOI", issued_year=2003),
    }


def test_check_flags_retractions_corrections_and_differences(stand_in, library_refs):
    out = StringIO()
    call_command("check_references", "--now", stdout=out)
    assert "Checked 4 references against Crossref: 3 with findings, 1 could not be checked." in (
        out.getvalue()
    )
    refs = {name: Reference.objects.get(pk=ref.pk) for name, ref in library_refs.items()}
    assert refs["retracted"].check_findings == [
        {"kind": "retraction", "notice": "10.1000/retraction"}
    ]
    corrected = refs["corrected"].check_findings
    assert corrected[0] == {"kind": "correction", "notice": "10.1000/erratum"}
    assert {f["field"] for f in corrected[1:]} == {"title", "issued_year", "creators"}
    assert refs["clean"].check_findings == [] and refs["clean"].crossref_checked_at
    assert refs["unknown"].check_findings == [{"kind": "not-found"}]
    assert refs["offline"].crossref_checked_at is None  # tried again next time
    assert refs["no_doi"].crossref_checked_at is None
    # The record itself is never changed by the check.
    assert refs["corrected"].title == "A careful study of generosity"


def test_command_queues_the_task_by_default(stand_in, library_refs):
    out = StringIO()
    call_command("check_references", stdout=out)  # the immediate backend runs it at once
    assert "Crossref check queued" in out.getvalue()
    assert Reference.objects.get(pk=library_refs["retracted"].pk).check_findings


def test_findings_on_the_dashboard_and_the_edit_page(stand_in, library_refs, admin_client):
    checking.check_library.call()
    html = admin_client.get("/admin/").content.decode()
    assert "Flagged by the Crossref check" in html
    assert "Retracted: see the notice on the edit page" in html
    assert "Corrected: see the notice on the edit page" in html
    edit = f"/admin/snippets/research/reference/edit/{library_refs['corrected'].pk}/"
    html = admin_client.get(edit).content.decode()
    assert "https://doi.org/10.1000/erratum" in html
    assert "here “A careful study of generosity”, Crossref “A careful study of giving”" in html
    html = admin_client.get(
        f"/admin/snippets/research/reference/edit/{library_refs['no_doi'].pk}/"
    ).content.decode()
    assert "Not checked against Crossref yet." in html
