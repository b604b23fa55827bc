"""Export of one reference, a filtered list and the whole library in three formats."""

from __future__ import annotations

import json

import pytest
import rispy

from research import bibtex
from research.importing import build_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def refs(reference_factory, areas):
    a = reference_factory(title="Alpha & <b>omega</b>", doi="10.1000/alpha", issued_year=2012)
    a.areas.add(areas["health"])
    a.save()  # ParentalManyToManyField: written on save
    b = reference_factory(
        title="Beta",
        csl_type="book",
        container_title="",
        publisher="MIT",
        isbn="9780262547659",
        issued_year=2020,
    )
    return a, b


@pytest.mark.parametrize(
    ("fmt", "content_type", "extension"),
    [
        ("bibtex", "application/x-bibtex", "bib"),
        ("ris", "application/x-research-info-systems", "ris"),
        ("csl-json", "application/vnd.citationstyles.csl+json", "json"),
    ],
)
def test_whole_library_filtered_list_and_one_reference(
    client, library, refs, fmt, content_type, extension
):
    base = library["en"].url
    whole = client.get(base, {"format": fmt})
    assert whole.status_code == 200
    assert whole["Content-Type"].startswith(content_type)
    assert f'.{extension}"' in whole["Content-Disposition"]
    body = whole.content.decode()
    assert "Alpha" in body and "Beta" in body

    filtered = client.get(base + "export/", {"format": fmt, "area": "health"}).content.decode()
    assert "Alpha" in filtered and "Beta" not in filtered

    one = client.get(f"{base}{refs[1].slug}/", {"format": fmt}).content.decode()
    assert "Beta" in one and "Alpha" not in one


def test_exports_parse_back(client, library, refs):
    base = library["en"].url
    items = json.loads(client.get(base, {"format": "csl-json"}).content)
    assert {i["title"] for i in items} == {"Alpha & <b>omega</b>", "Beta"}
    book = next(i for i in items if i["title"] == "Beta")
    assert book["type"] == "book" and book["ISBN"] == "9780262547659"
    records = rispy.loads(client.get(base, {"format": "ris"}).content.decode())
    assert {r["type_of_reference"] for r in records} == {"JOUR", "BOOK"}
    text = client.get(base, {"format": "bibtex"}).content.decode()
    entries, errors, warnings = bibtex.parse(text)
    assert len(entries) == 2 and not errors and not warnings
    assert r"Alpha \& <b>omega</b>" in text


def test_bad_format_is_a_clear_400(client, library, refs):
    response = client.get(library["en"].url, {"format": "<docx>"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Unknown export format “<docx>”" in body  # plain text: as typed, no HTML entities
    assert "&lt;" not in body
    assert response["Content-Type"].startswith("text/plain")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert client.get(library["en"].url + "export/").status_code == 400


def test_exported_library_imports_as_duplicates(client, library, refs):
    for fmt in ("bibtex", "ris", "csl-json"):
        text = client.get(library["en"].url, {"format": fmt}).content.decode()
        plan = build_plan(text, fmt)
        assert plan.counts["skip"] == 2, (
            fmt,
            [(e.action, e.reason, e.errors) for e in plan.entries],
        )
