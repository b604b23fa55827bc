"""Citations stored on save with a version stamp, served without the engine, re-rendered when
the engine or a style changes, and a graceful fallback when Node cannot run."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from research import engines, formatting
from research.importing import apply_plan, build_plan
from research.models import Reference

pytestmark = pytest.mark.django_db


@pytest.fixture
def storing(settings):
    settings.RESEARCH_STORE_CITATIONS = True
    settings.RESEARCH_CITATION_ENGINE = engines.JS


@pytest.fixture
def ref(storing, reference_factory, django_capture_on_commit_callbacks) -> Reference:
    with django_capture_on_commit_callbacks(execute=True):
        made = reference_factory(
            title="Trust <script>alert(1)</script> & <i>work</i>",
            container_title="Harvard Business Review",
            issued_year=2017,
            volume="95",
            issue="1",
            page="84-90",
            doi="10.1000/xyz",
            authors=[("Curry", "Oliver Scott")],
        )
        made.save()  # the factory adds creators after the first save, as an editor would
    made.refresh_from_db()
    return made


def _no_live_engine(monkeypatch) -> None:
    def fail(*args, **kwargs):
        raise AssertionError("the page rendered a citation instead of reading the stored one")

    monkeypatch.setattr(formatting, "render_citeproc_py", fail)


def test_saving_stores_every_style_in_both_languages(ref):
    assert ref.citations["version"] == engines.version_stamp(engines.JS)
    for language in ("en", "it"):
        assert set(ref.citations[language]) == set(formatting.STYLES)
    entry = ref.citations["en"]["chicago"][0]
    assert entry.startswith("Curry, Oliver Scott. 2017.")  # full given names, as Chicago asks
    assert "&#60;script&#62;" in entry and "<script>" not in entry  # escaped by the engine
    assert "<i>work</i>" in entry.lower()  # CSL rich text in a title is kept as formatting
    assert ref.citations["it"]["chicago"][0] != entry


def test_pages_read_the_stored_citations(ref, monkeypatch):
    _no_live_engine(monkeypatch)
    html = formatting.format_reference(ref, "vancouver", "en")
    assert html.startswith("Curry OS.") and "1.Curry" not in html
    assert 'href="https://doi.org/10.1000/xyz"' in html
    assert formatting.in_text_citation(ref, "apa", "it") == "(Curry, 2017)"


def test_reference_page_renders_stored_citations(ref, client, library, monkeypatch):
    _no_live_engine(monkeypatch)
    html = client.get(f"{library['en'].url}{ref.slug}/").content.decode()
    assert "Curry, Oliver Scott. 2017." in html


def test_a_new_style_or_engine_version_falls_back_then_rerenders(ref, monkeypatch):
    Reference.objects.filter(pk=ref.pk).update(citations={**ref.citations, "version": "old"})
    ref.refresh_from_db()
    assert engines.stale().filter(pk=ref.pk).exists()
    # Until it is rendered again the page still shows a citation (citeproc-py, live).
    assert "Curry" in formatting.format_reference(ref, "apa", "en")
    out = StringIO()
    call_command("render_citations", stdout=out)
    assert "Citations stored for 1 references" in out.getvalue()
    ref.refresh_from_db()
    assert ref.citations["version"] == engines.version_stamp()
    assert not engines.stale().exists()


def test_without_node_citeproc_py_is_stored_and_served(
    storing, reference_factory, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(engines, "node_available", lambda: False)
    with django_capture_on_commit_callbacks(execute=True):
        made = reference_factory(title="Offline", authors=[("Zak", "Paul J.")])
        made.save()
    made.refresh_from_db()
    assert made.citations["version"] == engines.version_stamp(engines.PY)
    _no_live_engine(monkeypatch)
    assert formatting.format_reference(made, "apa", "en").startswith("Zak, P. J.")
    assert engines.stale().filter(pk=made.pk).exists()  # render_citations will replace it


def test_imported_records_get_stored_citations(storing, django_capture_on_commit_callbacks):
    text = """@article{zak2017, author={Zak, Paul J.}, title={The neuroscience of trust},
  journal={Harvard Business Review}, year={2017}}"""
    with django_capture_on_commit_callbacks(execute=True):
        apply_plan(build_plan(text, "bibtex"))
    ref = Reference.objects.get(slug="zak2017")
    assert ref.citations["en"]["apa"][0].startswith("Zak, P. J. (2017).")
