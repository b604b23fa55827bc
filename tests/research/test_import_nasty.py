"""Hand-made nasty files: LaTeX, broken entries, junk, web items, duplicates and poorer records."""

# The entries read here are the plan's successful ones, whose data is never None.
# mypy: disable-error-code="union-attr"

from __future__ import annotations

import datetime
import json
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from research import bibtex, ris
from research.importing import apply_plan, build_plan
from research.models import Reference, ReferenceCreator

pytestmark = pytest.mark.django_db

LATEX = r"""@article{gonzalez2020,
  author = {Gonz{\'a}lez-Ortiz, Jos{\'e} and M{\"u}ller, J\"{u}rgen and {\c{C}}elik, Ay{\c{s}}e
            and Stra{\ss}e, Hans and {De Vivo}, Immaculata and {World Health Organization}},
  title = {Caf\'e {\&} tea: 50\% more {DNA} in $\alpha$-cells},
  journal = {Journal of {Kindness} \& Care},
  pages = {1--10},
  year = {2020},
  doi = {10.1000/A_B}
}
"""


def test_latex_is_decoded_in_names_titles_and_containers():
    plan = build_plan(LATEX, "bibtex")
    entry = plan.entries[0]
    assert entry.action == "create", entry.errors
    data = entry.data
    assert data.values["title"] == "Café & tea: 50% more DNA in \u03b1-cells"
    assert data.values["container_title"] == "Journal of Kindness & Care"
    assert data.values["page"] == "1-10"
    assert data.values["doi"] == "10.1000/a_b"  # a URL-like field keeps its underscore
    names = [(c.get("family"), c.get("given"), c.get("literal")) for c in data.creators]
    assert names == [
        ("González-Ortiz", "José", None),
        ("Müller", "Jürgen", None),
        ("Çelik", "Ayşe", None),
        ("Straße", "Hans", None),
        ("De Vivo", "Immaculata", None),
        (None, None, "World Health Organization"),
    ]


def test_reimporting_an_escaped_file_leaves_a_correct_record_alone():
    apply_plan(build_plan(LATEX, "bibtex"))
    plan = build_plan(LATEX.replace("{\\'a}", "\\'{a}"), "bibtex")
    assert plan.entries[0].action == "skip" and "unchanged" in plan.entries[0].reason
    ref = Reference.objects.get()
    assert ref.ordered_creators()[0].family == "González-Ortiz"
    assert "González-Ortiz" in bibtex.entry(ref)  # exported as written, not as Gonz'alez


BROKEN = """% A comment on purpose is not junk
@article{ok1,
  author = {Zak, Paul J.},
  title = {Trust},
  journal = {HBR},
  year = {2017}
}
this line is junk that lost its entry
@article{unbalanced,
  title = {Unbalanced {brace,
  journal = {J},
  year = {2020}
}
@article{,
  title = {No key},
  journal = {J},
  year = {2020}
}
@article{swallowed,
  title = {Missing comma} year = {2020},
  journal = {J}
}
@article{ok1,
  title = {Same key again},
  journal = {J},
  year = {2021}
}
@article{twice,
  title = {A},
  title = {B},
  journal = {J},
  year = {2021}
}
"""


def test_every_broken_entry_has_its_line_and_reason(capsys):
    plan = build_plan(BROKEN, "bibtex")
    errors = {e.position: e.errors[0] for e in plan.of("error")}
    assert set(errors) == {"line 9", "line 14", "line 19", "line 23", "line 28"}
    assert "unbalanced braces" in errors["line 9"] and "line 14" in errors["line 9"]
    assert "no citation key" in errors["line 14"]
    assert "comma is missing" in errors["line 19"]
    assert "“ok1” is used by an earlier entry" in errors["line 23"]
    assert "“title” is given twice" in errors["line 28"]
    assert plan.warnings == [
        (
            "line 8",
            "text outside any entry was not imported: “this line is junk that lost its entry”",
        )
    ]
    captured = capsys.readouterr()
    assert captured.err == "" and captured.out == ""  # the parser's own log stays quiet


def test_command_reports_errors_and_junk_with_lines(tmp_path):
    path = tmp_path / "broken.bib"
    path.write_text(BROKEN)
    err = StringIO()
    with pytest.raises(Exception, match="nothing was imported"):
        call_command("import_references", str(path), stderr=err, stdout=StringIO())
    text = err.getvalue()
    assert "broken.bib, line 8: warning: text outside any entry" in text
    assert "broken.bib, line 14: the entry has no citation key" in text
    assert "broken.bib, line 9: unbalanced braces" in text
    assert Reference.objects.count() == 0


def test_ris_junk_between_records_and_unclosed_record():
    text = (
        "TY  - JOUR\nTI  - One\nT2  - J\nPY  - 2020\nER  - \n"
        "stray words\n"
        "TY  - JOUR\nTI  - Two\nT2  - J\nPY  - 2021\nER  - \n"
        "TY  - JOUR\nTI  - Three\n"
    )
    parsed = ris.parse(text)
    assert [line for line, _rec in parsed.entries] == [1, 7]
    assert parsed.warnings == [(6, "text outside any record was not imported: “stray words”")]
    assert parsed.errors == [(12, "the record is not closed with “ER  -”")]


WEB = r"""@misc{webarticle,
  author = {Smith, Anna},
  title = {Why kindness spreads},
  howpublished = {\url{https://example.org/kind_ness}},
  urldate = {2024-05-31},
  year = {2023}
}
@online{site,
  title = {Random Acts of Kindness Foundation},
  url = {https://www.randomactsofkindness.org},
  organization = {RAK Foundation},
  year = {2024}
}
@online{blogpost,
  author = {Rossi, Marco},
  title = {A week of kindness},
  url = {https://blog.example.org/week},
  entrysubtype = {blog},
  year = {2022}
}
@misc{leaflet,
  title = {A leaflet},
  year = {2019},
  note = {handed out in Milan}
}
"""


def test_web_articles_and_other_types_are_kept_as_they_are():
    plan = build_plan(WEB, "bibtex")
    assert not plan.has_errors, [e.errors for e in plan.entries]
    by_key = {e.data.key: e for e in plan.entries}
    web = by_key["webarticle"].data.values
    assert web["csl_type"] == "webpage" and web["url"] == "https://example.org/kind_ness"
    assert web["accessed"] == datetime.date(2024, 5, 31)
    assert by_key["site"].data.values["csl_type"] == "webpage"
    assert by_key["site"].data.values["container_title"] == "RAK Foundation"
    assert by_key["blogpost"].data.values["csl_type"] == "post-weblog"
    assert by_key["leaflet"].data.values["csl_type"] == "document"
    assert any("note" in n for n in by_key["leaflet"].notes)
    apply_plan(plan)
    ref = Reference.objects.get(slug="webarticle")
    assert ref.accessed == datetime.date(2024, 5, 31)
    written = bibtex.entry(ref)
    assert "@online{webarticle" in written and "urldate = {2024-05-31}" in written
    blog = Reference.objects.get(slug="blogpost")
    assert "entrysubtype = {blog}" in bibtex.entry(blog)
    assert "TY  - BLOG" in ris.dumps([blog])


def test_csl_json_item_types_survive():
    items = [
        {
            "type": "post-weblog",
            "title": "Kind words",
            "URL": "https://blog.example/k",
            "issued": {"date-parts": [[2021]]},
            "accessed": {"date-parts": [[2024, 1, 2]]},
        },
        {"type": "motion_picture", "title": "A film", "issued": {"date-parts": [[2010]]}},
    ]
    plan = build_plan(json.dumps(items), "csl-json")
    assert [e.data.values["csl_type"] for e in plan.entries] == ["post-weblog", "motion_picture"]
    assert plan.entries[0].data.values["accessed"] == datetime.date(2024, 1, 2)


def test_ris_export_has_no_number_line_before_each_record(reference_factory):
    refs = [reference_factory(), reference_factory()]
    text = ris.dumps(refs)
    lines = text.splitlines()
    assert lines[0] == "TY  - JOUR"
    assert not any(line.strip().rstrip(".").isdigit() for line in lines)
    assert text.count("TY  - ") == 2


# --- duplicates ------------------------------------------------------------------------------
def test_duplicate_with_or_without_subtitle_accents_and_case(reference_factory):
    zak = reference_factory(
        title="The Neuroscience of Trust: Management Behaviors That Foster Employee Engagement",
        container_title="Harvard Business Review",
        issued_year=2017,
        authors=[("Zák", "Paul J.")],
    )
    text = """@article{zak,
  author = {Zak, Paul J.},
  title = {THE NEUROSCIENCE OF TRUST},
  journal = {Harvard Business Review},
  year = {2017}
}
"""
    plan = build_plan(text, "bibtex")
    entry = plan.entries[0]
    assert entry.existing == zak and entry.action == "update"
    assert "same main title" in entry.reason
    title = next(c for c in entry.changes if c.name == "title")
    assert title.kind == "poorer" and not title.default  # the subtitle is not dropped
    apply_plan(plan)
    assert Reference.objects.count() == 1
    zak.refresh_from_db()
    assert zak.title.endswith("Employee Engagement")


def test_duplicates_by_pmid_and_isbn(reference_factory):
    reference_factory(title="Kindness and health", pmid="123456", issued_year=2010)
    reference_factory(
        title="Book", csl_type="book", publisher="P", isbn="9780262547659", issued_year=2024
    )
    items = [
        {
            "type": "article-journal",
            "title": "Totally different wording",
            "container-title": "J",
            "PMID": "123456",
            "issued": {"date-parts": [[2010]]},
        },
        {
            "type": "book",
            "title": "Another",
            "publisher": "P",
            "ISBN": "978-0-262-54765-9",
            "issued": {"date-parts": [[2024]]},
        },
    ]
    plan = build_plan(json.dumps(items), "csl-json")
    assert [("PMID" in e.reason, "ISBN" in e.reason) for e in plan.entries] == [
        (True, False),
        (False, True),
    ]


def test_same_title_but_different_dois_are_two_records(reference_factory):
    reference_factory(title="Happy to help", issued_year=2018, doi="10.1000/preprint")
    text = """@article{x, author={Smith, Anna}, title={Happy to help: a study}, journal={J},
  year={2018}, doi={10.1000/article}}"""
    assert build_plan(text, "bibtex").entries[0].action == "create"


# --- never poorer ------------------------------------------------------------------------------
CURRY_RIS = """TY  - JOUR
AU  - Curry, O. S.
TI  - Happy to help?
T2  - Journal of Experimental Social Psychology
PY  - 2018
SP  - 320
DO  - 10.1016/j.jesp.2018.02.014
ER  -
"""


@pytest.fixture
def curry(reference_factory):
    return reference_factory(
        title="Happy to help? A systematic review and meta-analysis of the effects of "
        "performing acts of kindness on the well-being of the actor",
        container_title="Journal of Experimental Social Psychology",
        issued_year=2018,
        volume="76",
        issue="",
        page="320-329",
        doi="10.1016/j.jesp.2018.02.014",
        authors=[
            ("Curry", "Oliver Scott"),
            ("Rowland", "Lee A."),
            ("Van Lissa", "Caspar J."),
            ("Zlotowitz", "Sally"),
            ("McAlaney", "John"),
            ("Whitehouse", "Harvey"),
        ],
    )


def test_a_poorer_entry_is_listed_but_not_applied_by_default(curry):
    plan = build_plan(CURRY_RIS, "ris")
    entry = plan.entries[0]
    assert entry.action == "update" and "same DOI" in entry.reason
    kinds = {c.name: (c.kind, c.default) for c in entry.changes}
    assert kinds == {
        "title": ("poorer", False),
        "page": ("poorer", False),
        "creators": ("poorer", False),
    }
    counts = apply_plan(plan)
    assert counts["updated"] == 0
    curry.refresh_from_db()
    assert len(curry.ordered_creators()) == 6 and curry.page == "320-329"
    assert curry.title.startswith("Happy to help? A systematic review")


def test_command_keeps_the_richer_values_and_says_so(tmp_path, curry):
    path = tmp_path / "curry.ris"
    path.write_text(CURRY_RIS)
    out = StringIO()
    call_command("import_references", str(path), stdout=out, stderr=StringIO())
    text = out.getvalue()
    assert "kept the library's authors and editors" in text
    assert "kept the library's pages" in text
    assert curry.creators.count() == 6


def test_missing_values_never_erase_and_additions_fill_in(curry):
    ris_text = CURRY_RIS.replace("SP  - 320\n", "IS  - 7\nSP  - 320\nEP  - 329\n").replace(
        "DO  - 10.1016/j.jesp.2018.02.014\n", "DO  - 10.1016/j.jesp.2018.02.014\nVL  - \n"
    )
    plan = build_plan(ris_text, "ris")
    issue = next(c for c in plan.entries[0].changes if c.name == "issue")
    assert issue.kind == "add" and issue.default
    apply_plan(plan)
    curry.refresh_from_db()
    assert curry.issue == "7" and curry.volume == "76" and curry.doi


def test_admin_preview_shows_each_field_and_applies_only_ticked_ones(admin_client, curry):
    upload = SimpleUploadedFile("curry.ris", CURRY_RIS.encode())
    response = admin_client.post("/admin/research/import/", {"file": upload})
    html = response.content.decode()
    assert "In the library" in html and "In the file" in html
    assert "Curry, Oliver Scott; Rowland, Lee A." in html and "(6 people)" in html
    assert (
        'value="0:creators"' in html
        and 'value="0:creators" id="apply-0-creators" checked' not in html
    )
    token = response.context["token"]
    # The editor explicitly takes the file's pages, and nothing else.
    response = admin_client.post("/admin/research/import/", {"token": token, "apply": ["0:page"]})
    assert response.status_code == 302
    curry.refresh_from_db()
    assert curry.page == "320"
    assert ReferenceCreator.objects.filter(reference=curry).count() == 6
    assert "Changed: pages." in curry.verification_notes


def test_verified_record_changes_only_when_ticked(admin_client, curry):
    curry.verification_status = "verified"
    curry.verification_method = "DOI on Crossref"
    curry.save()
    text = CURRY_RIS.replace("PY  - 2018\n", "PY  - 2018\nVL  - 77\n")
    upload = SimpleUploadedFile("curry.ris", text.encode())
    response = admin_client.post("/admin/research/import/", {"file": upload})
    plan = response.context["plan"]
    volume = next(c for c in plan.entries[0].changes if c.name == "volume")
    assert volume.kind == "replace" and not volume.default
    admin_client.post("/admin/research/import/", {"token": response.context["token"]})
    curry.refresh_from_db()
    assert curry.volume == "76"
