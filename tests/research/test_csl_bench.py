# ruff: noqa: RUF001 -- typographic quotes are what these tests check
"""bench/csl_bench.py's harness: pandoc's HTML in the suite's markup, one normalisation for all.

The benchmark itself takes minutes and needs the test-suite checkout and pandoc; these tests
keep its comparison honest with pandoc documents written here: the mapping changes tags, never
text, so an engine's real difference still fails.
"""

from __future__ import annotations

from bench.csl_bench import normalise, pandoc_to_suite_markup, score

BIBLIOGRAPHY = """<div id="refs" class="references csl-bib-body" role="doc-bibliography">
<div id="ref-ITEM-2" class="csl-entry" role="doc-biblioentry">
<div class="csl-left-margin">[Doe65] </div><div class="csl-right-inline">Doe, J.: <em>Book
A</em>, <span class="smallcaps">1965</span>.</div>
</div>
<div id="ref-ITEM-1" class="csl-entry" role="doc-biblioentry">
<span>“This is <span>‘The One’</span>.”</span> <a href="http://x.org">http://x.org</a>
</div>
</div>
"""


def test_bibliography_entries_keep_their_nested_divs_and_lose_pandoc_wrappers():
    mapped = pandoc_to_suite_markup(BIBLIOGRAPHY, "bibliography")
    assert normalise(mapped) == normalise(
        '<div class="csl-bib-body"><div class="csl-entry"><div class="csl-left-margin">[Doe65]'
        '</div><div class="csl-right-inline">Doe, J.: <i>Book A</i>, '
        '<span style="font-variant:small-caps;">1965</span>.</div></div>'
        '<div class="csl-entry">“This is ‘The One’.” http://x.org</div></div>'
    )
    # pandoc's own placement of the period stays a difference from the suite's
    assert "‘The One.’" not in mapped


def test_citation_is_the_span_content_with_strong_as_b():
    document = (
        '<p><span class="citation" data-cites="a b">(Doe <strong>1965</strong>; '
        '<span class="nocase">iPhone</span> 2000)</span></p>'
    )
    assert pandoc_to_suite_markup(document, "citation") == "(Doe <b>1965</b>; iPhone 2000)"


def test_normalise_ignores_only_white_space_at_div_edges_and_entities():
    assert normalise('<div class="csl-left-margin">1. </div>') == normalise(
        '<div class="csl-left-margin">1.</div>'
    )
    assert normalise("A &amp; B") == "A & B"
    assert normalise("A  B") != normalise("AB")


def test_every_engine_is_scored_by_one_normalised_comparison():
    fixtures = [
        {"name": "same", "result": '<div class="csl-entry">A&#160;B</div>'},
        {"name": "differs", "result": "A B"},
    ]
    scored = score(fixtures, ['<div class="csl-entry"> A B</div>', "A. B"])
    assert scored == {"passed": 1, "failed": ["differs"]}
