# ruff: noqa: RUF001 -- typographic quotes are what these tests check
"""research.typography: the repairs applied to citeproc-py's output (the fallback engine).

Expected strings follow the CSL 1.0.2 specification (punctuation-in-quote, flip-flopping quotes)
and the CSL test-suite fixtures named beside them.
"""

from __future__ import annotations

import pytest

from research import formatting, style_fixes, typography
from research.models import Reference, ReferenceCreator


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        # magic_PunctuationInQuoteNested / quotes_PunctuationWithInnerQuote
        ("Doe. <i>“Book A”</i>. 1900.", "Doe. <i>“Book A.”</i> 1900."),
        ("“This is ‘The One’”.", "“This is ‘The One.’”"),
        ("Smith, John, “Some Title”, 2000", "Smith, John, “Some Title,” 2000"),
        # magic_PunctuationInQuoteTrueSuppressExtra: the title's own mark ends it
        ("“Article A?”. Journal B", "“Article A?” Journal B"),
        # an apostrophe closing a word is not an inner quotation mark
        ("the “students’”. Next", "the “students’.” Next"),
    ],
)
def test_punctuation_moves_inside_quotes_where_the_locale_says(raw, fixed):
    assert typography.fix(raw, punctuation_inside=True) == fixed


def test_punctuation_stays_outside_for_british_and_italian():
    assert not typography.punctuation_in_quote("en-GB")
    assert not typography.punctuation_in_quote("it-IT")
    assert typography.punctuation_in_quote("en-US")
    assert typography.punctuation_in_quote("xx-XX") is False  # unknown locale: no guess
    assert typography.fix("‘Title’, <i>J</i>", punctuation_inside=False) == "‘Title’, <i>J</i>"


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("Doe. 1994. An article is it?. <i>New</i>", "Doe. 1994. An article is it? <i>New</i>"),
        ("(1965) <i>reference.</i>. blurble", "(1965) <i>reference.</i> blurble"),
        ("Wait... what", "Wait... what"),  # an ellipsis is not a doubled period
        ("Co.. Ltd", "Co. Ltd"),
        ("comma,. period", "comma,. period"),  # only terminal marks absorb a period
    ],
)
def test_a_period_after_terminal_punctuation_is_dropped(raw, fixed):
    assert typography.fix(raw, punctuation_inside=False) == fixed


def test_quotes_within_quotes_alternate_and_unbalanced_marks_are_left_alone():
    assert typography.fix("“My “Amazing” Title”", punctuation_inside=False) == (
        "“My ‘Amazing’ Title”"
    )
    assert typography.fix("“Open “twice", punctuation_inside=False) == "“Open “twice"


def test_apostrophes_become_typographic_outside_tags():
    assert typography.fix("<a href='x'>D'Arcus</a> (ETFA '09)", punctuation_inside=False) == (
        "<a href='x'>D’Arcus</a> (ETFA ’09)"
    )


def test_the_fallback_engine_applies_the_repairs():
    """Chicago (en-US) puts the period inside the quotes with citeproc-py too; raw it does not."""
    ref = Reference(
        pk=7,
        csl_type="article-journal",
        title="On kindness",
        container_title="Journal of Kindness",
        issued_year=2020,
        volume="1",
    )
    ref.creators.set([ReferenceCreator(sort_order=0, family="Doe", given="Jane")])
    chicago = formatting.STYLES["chicago"]
    raw, _ = formatting.render_citeproc_py(ref, chicago, "en-US", fixes=False)
    fixed, _ = formatting.render_citeproc_py(ref, chicago, "en-US")
    assert "Kindness”." in raw
    assert "Kindness.”" in fixed and "”." not in fixed


def test_style_fixes_harvard_editors_surname_first_but_organisations_as_they_are():
    chapter = "X (2015) ‘Title’, in D.A. Schroeder and W.G. Graziano (eds) <i>Book</i>."
    assert "in Schroeder, D.A. and Graziano, W.G. (eds) <i>" in style_fixes.finish(
        "harvard", chapter
    )
    board = "X (2015) ‘Title’, in World Health Organization (ed.) <i>Book</i>."
    assert style_fixes.finish("harvard", board) == board


def test_style_fixes_nlm_web_page_dated_to_the_day_and_no_lone_number():
    item = {"type": "webpage", "issued": {"date-parts": [[2023, 3, 4]]}}
    entry = "1.Smith A. Page [Internet]. Blog; 2023 [cited 2024 May 31]. Available from: u"
    assert style_fixes.finish("vancouver", entry, item) == (
        "Smith A. Page [Internet]. Blog; 2023 Mar 4 [cited 2024 May 31]. Available from: u"
    )
    year_only = {"type": "webpage", "issued": {"date-parts": [[2023]]}}
    assert "; 2023 [cited" in style_fixes.finish("vancouver", entry, year_only)


def test_style_fixes_mla_shortens_university_press_only_for_mla():
    item = {"type": "book", "publisher": "Oxford University Press"}
    assert style_fixes.prepare("mla", item)["publisher"] == "Oxford UP"
    assert style_fixes.prepare("apa", item)["publisher"] == "Oxford University Press"
    assert item["publisher"] == "Oxford University Press"  # the caller's item is left alone
