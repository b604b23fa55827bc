"""Citations in every style and both languages, escaped, linked and cached per version."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation

from research import formatting
from research.models import Reference, ReferenceCreator

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(reference_factory) -> Reference:
    return reference_factory(
        title="Trust <script>alert(1)</script> & work",
        container_title="Harvard <b>Business</b> Review",
        issued_year=2017,
        issued_month=1,
        volume="95",
        issue="1",
        page="84-90",
        doi="10.1000/xyz",
        authors=[("Zak", "Paul J.")],
    )


@pytest.mark.parametrize("style", list(formatting.STYLES))
@pytest.mark.parametrize("language", ["en", "it"])
def test_every_style_escapes_and_links(article, style, language):
    html = formatting.format_reference(article, style, language)
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html
    assert "Zak" in html
    assert 'href="https://doi.org/10.1000/xyz"' in html


def test_styles_differ_and_follow_the_language(article):
    apa = formatting.format_reference(article, "apa", "en")
    mla_en = formatting.format_reference(article, "mla", "en")
    mla_it = formatting.format_reference(article, "mla", "it")
    assert apa.startswith("Zak, P. J. (2017).")
    assert "Jan. 2017" in mla_en
    assert "gennaio 2017" in mla_it
    assert formatting.in_text_citation(article, "apa", "en") == "(Zak, 2017)"


def test_template_tag_uses_active_language(article):
    template = Template("{% load research_tags %}{% format_reference ref style='chicago' %}")
    with translation.override("it"):
        out = template.render(Context({"ref": article}))
    assert "«" in out  # Italian quotation marks from the it-IT CSL locale
    with translation.override("en"):
        out = template.render(Context({"ref": article}))
    assert "“" in out


def test_cache_is_keyed_on_the_version(article):
    first = formatting.format_reference(article, "apa", "en")
    article.title = "A new title"
    article.save()
    second = formatting.format_reference(Reference.objects.get(pk=article.pk), "apa", "en")
    assert first != second and "A new title" in second


def test_unknown_style_falls_back_to_apa(article):
    assert formatting.format_reference(article, "nope", "en") == formatting.format_reference(
        article, "apa", "en"
    )


def test_organisation_author(reference_factory):
    ref = reference_factory(authors=[], csl_type="report", publisher="WHO", title="Report")
    ReferenceCreator.objects.create(reference=ref, literal="World Health Organization")
    html = formatting.format_reference(Reference.objects.get(pk=ref.pk), "apa", "en")
    assert html.startswith("World Health Organization")
