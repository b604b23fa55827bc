"""The five styles against their guides (tests/research/style_guide_examples.py has the strings
and where each rule comes from); bench/csl_bench.py scores every engine on the same examples."""

from __future__ import annotations

import pytest

from research import engines

from .style_guide_examples import EXPECTED, IN_TEXT, REFS


@pytest.fixture(scope="module")
def rendered() -> dict[int, dict]:
    """One Node run for every reference, style and language (as ``engines.store`` does)."""
    return engines.render_js(list(REFS.values()))


CASES = [(style, key) for style, expected in EXPECTED.items() for key in expected]


@pytest.mark.parametrize(("style", "key"), CASES)
def test_bibliography_entry_follows_the_guide(rendered, style, key):
    assert rendered[REFS[key].pk]["en"][style][0] == EXPECTED[style][key]


IN_TEXT_CASES = [(style, key) for style, expected in IN_TEXT.items() for key in expected]


@pytest.mark.parametrize(("style", "key"), IN_TEXT_CASES)
def test_in_text_citation_follows_the_guide(rendered, style, key):
    assert rendered[REFS[key].pk]["en"][style][1] == IN_TEXT[style][key]


def test_italian_uses_italian_terms_and_quotes(rendered):
    webpage = rendered[REFS["webpage"].pk]["it"]
    assert "«Why kindness spreads»" in webpage["chicago"][0]
    assert (
        "Disponibile su: https://example.org/kindness (Consultato: 31 maggio 2024)"
        in (webpage["harvard"][0])
    )
    assert rendered[REFS["six"].pk]["it"]["vancouver"][0].startswith("Curry OS, Rowland LA")
