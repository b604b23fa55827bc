"""Bench goal checks: a deliberate noindex is "not applicable"; one cache hit proves caching."""

from __future__ import annotations

import pytest

from bench.browser import BrowserResult
from bench.report import check_goals
from bench.results import BenchRun

from .test_bench_smoke import fake_page


def seo_verdict(failed_audits: list[str], score: int = 92) -> tuple[bool | None, str, str]:
    page = fake_page("view:search", "search results", uncached=90, cached=95, hit=False)
    page.browser = BrowserResult(
        url="http://127.0.0.1:8110/en/search/?q=kindness",
        scores={"performance": 99, "accessibility": 100, "best-practices": 100, "seo": score},
        failed_audits=failed_audits,
    )
    run = BenchRun(started="now", conditions={}, page_types=[page])
    (check,) = [c for c in check_goals(run) if c.goal == "Lighthouse seo ≥ 100"]
    return check.passed, check.actual, check.verdict


def test_noindex_alone_is_not_counted_as_a_failure():
    passed, actual, verdict = seo_verdict(["seo/is-crawlable"])
    assert passed is None
    assert verdict == "not applicable"
    assert "noindex by design" in actual


@pytest.mark.parametrize(
    "audits",
    [["seo/meta-description"], ["seo/is-crawlable", "seo/meta-description"]],
)
def test_any_other_lost_seo_point_fails(audits):
    passed, _actual, verdict = seo_verdict(audits)
    assert passed is False
    assert verdict == "**FAIL**"


def test_one_hit_among_the_header_checks_counts_as_cached(monkeypatch):
    """A fresh connection may reach a worker that has not stored the page yet: one hit is proof."""
    from bench import load

    answers = iter(["miss", "hit", "miss"])
    monkeypatch.setattr(load, "_get", lambda url: (200, next(answers)))
    assert load.cache_header("http://127.0.0.1:8110/en/", attempts=3) == "hit"
    monkeypatch.setattr(load, "_get", lambda url: (200, ""))
    assert load.cache_header("http://127.0.0.1:8110/en/search/", attempts=3) == ""
