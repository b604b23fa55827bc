"""Import: preview (create / update / skip / error with positions), atomic confirm, bad files."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from research.importing import ImportFileError, apply_plan, build_plan
from research.models import Reference, ReferenceCreator

pytestmark = pytest.mark.django_db

GOOD = """@article{one,
  author = {Zak, Paul J.},
  title = {The Neuroscience of Trust},
  journal = {Harvard Business Review},
  year = {2017},
  doi = {10.1000/trust}
}
@book{two,
  author = {{De Vivo}, Immaculata},
  title = {The Biology of Kindness},
  publisher = {MIT Press},
  year = {2024},
  isbn = {9780262547659}
}
@article{three,
  author = {Curry, Oliver},
  title = {Happy to help},
  journal = {JESP},
  year = {2018}
}
@article{four,
  author = {Curry, Oliver},
  title = {Happy to help!},
  journal = {JESP},
  year = {2018}
}
"""

BAD_ENTRY = (
    GOOD
    + """@article{five,
  author = {Nobody},
  title = {No journal here},
  year = {20x8}
}
"""
)

RIS = """TY  - JOUR
AU  - Layous, Kristin
TI  - Kindness Counts
T2  - PLoS ONE
PY  - 2012/12/26/
VL  - 7
SP  - e51380
DO  - 10.1371/journal.pone.0051380
ER  -

TY  - BOOK
TI  - A book without publisher
PY  - 2020
ER  -
"""


def test_preview_classifies_entries(reference_factory):
    existing = reference_factory(
        title="Old title",
        doi="10.1000/trust",
        container_title="HBR",
        issued_year=2017,
        authors=[("Zak", "Paul")],
    )
    verified = reference_factory(
        title="The Biology of Kindness",
        csl_type="book",
        publisher="MIT",
        isbn="9780262547659",
        issued_year=2024,
        verification_status="verified",
        verification_method="ISBN",
    )
    plan = build_plan(GOOD, "bibtex")
    actions = [(e.position, e.action) for e in plan.entries]
    assert actions == [
        ("line 1", "update"),
        ("line 8", "update"),
        ("line 15", "create"),
        ("line 21", "skip"),
    ]
    assert plan.entries[0].existing == existing
    assert "title" in [c.name for c in plan.entries[0].changes]
    # A verified record: its differences are listed, none applied without a person's choice.
    assert plan.entries[1].existing == verified
    assert plan.entries[1].changes and not plan.entries[1].chosen(None)
    assert any("verified" in note for note in plan.entries[1].notes)
    assert "earlier entry" in plan.entries[3].reason
    assert plan.summary() == (
        "4 entries: 1 to create, 2 to update, 1 duplicates skipped, 0 with errors."
    )
    counts = apply_plan(plan, source="good.bib")
    assert counts == {"created": 1, "updated": 1, "skipped": 2}
    verified.refresh_from_db()
    assert verified.publisher == "MIT" and verified.verification_status == "verified"
    existing.refresh_from_db()
    assert existing.title == "The Neuroscience of Trust"
    assert Reference.objects.get(slug="three").verification_status == "unverified"


def test_title_year_first_author_duplicate_is_matched(reference_factory):
    reference_factory(title="Happy to Help", issued_year=2018, authors=[("Curry", "O.")])
    plan = build_plan(GOOD, "bibtex")
    assert plan.entries[2].action == "update" and "same main title" in plan.entries[2].reason


def test_errors_name_the_line_and_nothing_is_written():
    plan = build_plan(BAD_ENTRY, "bibtex")
    errors = plan.of("error")
    assert [e.position for e in errors] == ["line 27"]
    assert "year" in errors[0].errors[0]
    with pytest.raises(ImportFileError):
        apply_plan(plan)
    assert Reference.objects.count() == 0


def test_apply_is_atomic(monkeypatch):
    plan = build_plan(GOOD, "bibtex")

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ReferenceCreator.objects, "bulk_create", explode)
    with pytest.raises(RuntimeError):
        apply_plan(plan)
    assert Reference.objects.count() == 0


def test_ris_and_csl_json_with_positions():
    plan = build_plan(RIS, "ris")
    assert [(e.position, e.action) for e in plan.entries] == [
        ("line 1", "create"),
        ("line 11", "error"),
    ]
    assert plan.entries[1].errors == ["publisher: A book needs its publisher."]
    items = [
        {
            "type": "book",
            "title": "T",
            "publisher": "P",
            "issued": {"date-parts": [[2020]]},
            "author": [{"literal": "WHO"}],
        },
        "junk",
        {"type": "article-journal", "title": "X"},
    ]
    plan = build_plan(json.dumps(items), "csl-json")
    assert [(e.position, e.action) for e in plan.entries] == [
        ("item 1", "create"),
        ("item 2", "error"),
        ("item 3", "error"),
    ]


@pytest.mark.parametrize(
    ("text", "fmt", "message"),
    [
        ("{not json", "csl-json", "not valid JSON"),
        ('"a string"', "csl-json", "holds a list"),
        ("just some words", "bibtex", "No entries were found"),
        ("", "ris", "No entries were found"),
    ],
)
def test_malformed_files_are_rejected(text, fmt, message):
    with pytest.raises(ImportFileError, match=message):
        build_plan(text, fmt)


def test_unclosed_bibtex_entry_is_an_error_with_its_line():
    plan = build_plan(
        GOOD.replace("year = {2018}\n}\n@article{four", "year = {2018}\n@article{four"), "bibtex"
    )
    assert plan.has_errors


def test_command_dry_run_then_import(tmp_path):
    path = tmp_path / "refs.bib"
    path.write_text(GOOD)
    out = StringIO()
    call_command("import_references", str(path), "--dry-run", stdout=out)
    assert "Dry run: 4 entries: 3 to create" in out.getvalue()
    assert Reference.objects.count() == 0
    out = StringIO()
    call_command("import_references", str(path), stdout=out)
    assert "3 created, 0 updated, 1 skipped" in out.getvalue()
    assert Reference.objects.count() == 3


def test_command_rejects_bad_files(tmp_path):
    path = tmp_path / "bad.bib"
    path.write_text(BAD_ENTRY)
    err = StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_references", str(path), stderr=err)
    assert "bad.bib, line 27" in err.getvalue()
    binary = tmp_path / "x.json"
    binary.write_bytes(b"\x00\x01\x02")
    with pytest.raises(CommandError, match="not a text file"):
        call_command("import_references", str(binary))
    with pytest.raises(CommandError, match="no such file"):
        call_command("import_references", str(tmp_path / "missing.bib"))
    assert Reference.objects.count() == 0


def test_command_progress_bar_on_large_files(tmp_path):
    entries = "\n".join(
        f"@article{{k{i}, author={{A{i}, B}}, title={{Title {i}}}, journal={{J}}, year={{2000}}}}"
        for i in range(250)
    )
    path = tmp_path / "big.bib"
    path.write_text(entries)
    out = StringIO()
    call_command("import_references", str(path), stdout=out)
    assert "250/250 written" in out.getvalue()
    assert Reference.objects.count() == 250


def test_admin_upload_preview_confirm(admin_client):
    upload = SimpleUploadedFile("refs.bib", GOOD.encode(), content_type="text/plain")
    response = admin_client.post("/admin/research/import/", {"file": upload})
    html = response.content.decode()
    assert response.status_code == 200
    assert "4 entries: 3 to create" in html and "Confirm and import" in html
    assert Reference.objects.count() == 0
    token = response.context["token"]
    response = admin_client.post("/admin/research/import/", {"token": token})
    assert response.status_code == 302
    assert Reference.objects.count() == 3


def test_admin_preview_with_errors_has_no_confirm(admin_client):
    upload = SimpleUploadedFile("bad.bib", BAD_ENTRY.encode())
    html = admin_client.post("/admin/research/import/", {"file": upload}).content.decode()
    assert "line 27" in html and "Confirm and import" not in html
    upload = SimpleUploadedFile("bad.json", b"{oops")
    html = admin_client.post("/admin/research/import/", {"file": upload}).content.decode()
    assert "not valid JSON" in html
    assert Reference.objects.count() == 0


def test_admin_import_needs_permission(client, django_user_model):
    user = django_user_model.objects.create_user("reader", password="x")
    client.force_login(user)
    assert client.get("/admin/research/import/").status_code in (302, 403)
