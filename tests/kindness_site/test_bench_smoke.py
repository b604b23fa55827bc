"""The benchmark's report writing, fed fake measurements (nothing is timed or served here).

``make bench`` takes minutes and needs PostgreSQL, wrk and Chromium; these tests keep the part
that turns figures into pass/fail verdicts honest: a slow or missing figure must never read as a
pass, and a page the cache never serves must not count as a fast cached page.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image

from bench.browser import BrowserResult, failing_audits, summarise
from bench.config import BenchConfig
from bench.load import LoadResult
from bench.report import DASH, check_goals, render_markdown, write_report
from bench.results import BenchRun, PageTypeResult
from bench.servers import Server
from bench.site_bench import plan_seconds


def fake_load(rps: float, connections: int) -> LoadResult:
    return LoadResult(
        connections=connections,
        requests=int(rps * 4),
        seconds=4.0,
        rps=rps,
        p50_ms=1000 / rps,
        p95_ms=3000 / rps,
        errors=0,
        tool="wrk",
    )


def fake_browser(js_bytes: int = 4_000, third_party: list[str] | None = None) -> BrowserResult:
    return BrowserResult(
        url="http://127.0.0.1:8110/en/",
        scores={"performance": 99, "accessibility": 100, "best-practices": 100, "seo": 100},
        bytes_by_type={"html": 20_000, "css": 9_000, "js": js_bytes, "images": 80_000},
        requests=7,
        third_party=third_party or [],
        render_blocking=["css http://127.0.0.1:8110/static/css/site.abc123.css"],
    )


def fake_page(key: str, label: str, *, uncached: float, cached: float, hit: bool = True):
    return PageTypeResult(
        key=key,
        label=label,
        urls={"en": f"/en/{label}/", "it": f"/it/{label}/"},
        statuses={"en": 200, "it": 200},
        queries_cold={"en": 9, "it": 10},
        queries_warm={"en": 6, "it": 6},
        load={
            "uncached-1": fake_load(uncached / 2, 1),
            "uncached-10": fake_load(uncached, 10),
            "cached-1": fake_load(cached / 2, 1),
            "cached-10": fake_load(cached, 10),
        },
        cache_header="hit" if hit else "",
        browser=fake_browser(),
    )


@pytest.fixture
def bench_run() -> BenchRun:
    home = fake_page("pages.homepage", "home page", uncached=150, cached=4_200)
    search = fake_page("view:search", "search results", uncached=90, cached=95, hit=False)
    library = fake_page(
        "research.researchindexpage", "research library", uncached=300, cached=2_500
    )
    library.browser = BrowserResult(url="http://127.0.0.1:8110/en/research/", error="timed out")
    return BenchRun(
        started="2026-11-29 05:10 UTC",
        conditions={"machine": "2 cores"},
        setup_seconds={"migrate": 40.0},
        page_types=[home, search, library],
        problems=["Lighthouse for research library failed: timed out"],
        healthz={
            "uncached": [fake_load(900, 10), fake_load(1_100, 10)],
            "cached": [fake_load(2_000, 10)],
        },
        worker_peak_kb={"cached": [153_600, 102_400]},
        seconds=700,
    )


def verdicts(run: BenchRun) -> dict[tuple[str, str], bool | None]:
    return {(check.goal, check.subject): check.passed for check in check_goals(run)}


def test_goals_pass_and_fail_from_the_figures(bench_run):
    result = verdicts(bench_run)
    assert result[("cached ≥ 3,000 req/s (10 conn.)", "home page")] is True
    assert result[("cached ≥ 3,000 req/s (10 conn.)", "research library")] is False
    assert result[("uncached home ≥ 200 req/s (10 conn.)", "home page")] is False
    assert result[("home ≤ 15 KB JavaScript", "home page")] is True
    assert result[("home: nothing render-blocking but one CSS file", "home page")] is True
    assert result[("≤ 12 queries uncached", "home page (it)")] is True


def test_the_query_goal_is_checked_on_a_page_cache_miss_with_fragments_cached(bench_run):
    home = bench_run.page_types[0]
    home.queries_cold["en"], home.queries_warm["en"] = 30, 12
    home.queries_warm["it"] = 13
    result = verdicts(bench_run)
    assert result[("≤ 12 queries uncached", "home page (en)")] is True
    assert result[("≤ 12 queries uncached", "home page (it)")] is False
    assert "| ≤ 12 queries uncached | home page (en) | 12 (empty cache: 30) | pass |" in (
        render_markdown(bench_run)
    )


def test_issue_15_goals_by_kind_and_the_page_types_it_names(bench_run):
    result = verdicts(bench_run)
    assert result[("uncached home ≥ 80 req/s (10 conn.)", "home page")] is True
    assert result[("uncached listing ≥ 125 req/s (10 conn.)", "search results")] is False
    assert result[("uncached listing ≥ 125 req/s (10 conn.)", "research library")] is True
    missing = next(
        check for check in check_goals(bench_run) if check.goal.startswith("every page type of")
    )
    assert missing.passed is False
    assert "missing: story" in missing.actual and "missing: home" not in missing.actual


def test_healthz_and_worker_memory_are_reported_beside_the_pages(bench_run):
    markdown = render_markdown(bench_run)
    assert f"| uncached | 900, 1,100 | 1.1, 0.9 | {DASH} |" in markdown
    assert "| cached | 2,000 | 0.5 | 150, 100 |" in markdown
    bench_run.healthz = {}
    assert f"| {DASH} / {DASH} |" in render_markdown(bench_run)


def test_worker_peak_memory_is_read_for_each_child_process():
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        time.sleep(0.3)
        peaks = Server("http://127.0.0.1:1", os.getpid()).worker_peak_kb()
    finally:
        child.kill()
        child.wait()
    assert peaks and all(peak > 1000 for peak in peaks)  # a Python process: megabytes


def test_a_page_never_served_from_the_cache_is_not_a_cached_pass(bench_run):
    result = verdicts(bench_run)
    assert result[("cached ≥ 3,000 req/s (10 conn.)", "search results")] is None


def test_missing_lighthouse_figures_are_not_measured_not_passed(bench_run):
    result = verdicts(bench_run)
    assert result[("Lighthouse performance ≥ 95", "research library")] is None
    assert result[("Lighthouse seo ≥ 100", "home page")] is True


def test_heavy_javascript_and_third_parties_fail_the_home_weight_goals(bench_run):
    bench_run.page_types[0].browser = fake_browser(
        js_bytes=40_000, third_party=["https://fonts.example.com/a.woff2"]
    )
    result = verdicts(bench_run)
    assert result[("home ≤ 15 KB JavaScript", "home page")] is False
    assert result[("home: no third-party requests", "home page")] is False


def test_markdown_has_a_table_per_page_type_and_the_goals(bench_run):
    markdown = render_markdown(bench_run)
    row = (
        "| home page | 6 / 6 (9 / 10) | 75 / 150 | 2,100 / 4,200 | 0.15 / 2.10 | 110.4 "
        "| 99 / 100 / 100 / 100 |"
    )
    assert row in markdown
    for label in ("home page", "search results", "research library"):
        assert f"### {label}" in markdown
    assert "| cached, 10 conn. | 4,200 | 0.2 | 0.7 | 16,800 | 0 |" in markdown
    assert "| first load | 19.5 | 8.8 | 3.9 | 78.1 | 0.0 | 0.0 | 110.4 | 7 |" in markdown
    assert "Lighthouse failed: timed out" in markdown
    assert "48 / 95 (not cached)" in markdown
    assert "**FAIL**" in markdown and "not measured" in markdown
    assert "- Lighthouse for research library failed: timed out" in markdown


def test_write_report_draws_the_chart(bench_run, tmp_path: Path):
    markdown_path, chart_path = tmp_path / "report.md", tmp_path / "report.png"
    write_report(bench_run, markdown_path, chart_path)
    assert "![Requests per second" in markdown_path.read_text()
    with Image.open(chart_path) as chart:
        assert chart.format == "PNG"
        assert chart.width > 600 and chart.height > 3 * 44


def test_summarise_groups_bytes_and_finds_third_parties_and_blocking():
    lhr = {
        "finalDisplayedUrl": "http://127.0.0.1:8110/en/",
        "categories": {
            "performance": {"score": 0.97, "auditRefs": [{"id": "lcp", "weight": 25}]},
            "seo": {"score": 0.92, "auditRefs": [{"id": "meta-description", "weight": 1}]},
        },
        "audits": {
            "lcp": {"score": 0.95, "scoreDisplayMode": "numeric"},
            "meta-description": {"score": 0, "scoreDisplayMode": "binary"},
            "network-requests": {
                "details": {
                    "items": [
                        {
                            "url": "http://127.0.0.1:8110/en/",
                            "resourceType": "Document",
                            "transferSize": 12_000,
                        },
                        {
                            "url": "http://127.0.0.1:8110/static/site.css",
                            "resourceType": "Stylesheet",
                            "transferSize": 8_000,
                        },
                        {
                            "url": "https://cdn.example.com/x.js",
                            "resourceType": "Script",
                            "transferSize": 30_000,
                        },
                        {
                            "url": "data:image/png;base64,AAA",
                            "resourceType": "Image",
                            "transferSize": 0,
                        },
                    ]
                }
            },
            "render-blocking-insight": {
                "details": {"items": [{"url": "https://cdn.example.com/x.js"}]}
            },
        },
    }
    result = summarise("http://127.0.0.1:8110/en/", lhr)
    assert result.scores == {"performance": 97, "seo": 92}
    assert result.bytes_by_type["html"] == 12_000
    assert result.bytes_by_type["css"] == 8_000
    assert result.bytes_by_type["js"] == 30_000
    assert result.requests == 3
    assert result.third_party == ["https://cdn.example.com/x.js"]
    assert result.render_blocking == ["js https://cdn.example.com/x.js"]
    assert failing_audits(lhr) == ["seo/meta-description"]


def test_a_skipped_cached_phase_is_not_reported_as_uncacheable(bench_run):
    library = bench_run.page_types[2]
    library.load = {name: run for name, run in library.load.items() if name.startswith("uncached")}
    library.cache_header = ""
    assert not library.never_cached
    assert verdicts(bench_run)[("cached ≥ 3,000 req/s (10 conn.)", "research library")] is None
    summary_row = f"| research library | 6 / 6 (9 / 10) | 150 / 300 | {DASH} / {DASH} |"
    assert summary_row in render_markdown(bench_run)


def test_measurements_shrink_to_fit_the_budget_but_never_below_a_second(monkeypatch):
    monkeypatch.setattr("bench.site_bench.os.getloadavg", lambda: (0.5, 0.5, 0.5))
    config = BenchConfig(seconds=3)
    assert plan_seconds(config, page_types=17, remaining=3_000) == 3
    assert plan_seconds(config, page_types=17, remaining=450) == 1
    assert plan_seconds(config, page_types=17, remaining=100) == 1
    assert plan_seconds(config, page_types=10, remaining=320) == 2


def test_a_helper_script_declares_its_own_time_limit_read_without_importing_it(tmp_path: Path):
    """The newsletter benchmark needs minutes, not BENCH_HELPER_TIMEOUT's two; the orchestrator
    reads the literal from the source (a script that would crash on import is never run)."""
    from bench import helpers

    config = BenchConfig(helper_timeout=120)
    declared = tmp_path / "slow_bench.py"
    declared.write_text('raise SystemExit("never imported")\nBENCH_TIME_LIMIT_SECONDS = 900\n')
    silent = tmp_path / "quick_bench.py"
    silent.write_text("print('hello')\n")
    nonsense = tmp_path / "odd_bench.py"
    nonsense.write_text("BENCH_TIME_LIMIT_SECONDS = 'soon'\n")
    assert helpers.time_limit(declared, config) == 900
    assert helpers.time_limit(silent, config) == 120
    assert helpers.time_limit(nonsense, config) == 120
    real = helpers.BENCH_DIR / "newsletter_bench.py"
    declared_limit = helpers.declared_time_limit(real)
    assert declared_limit is not None and declared_limit > config.helper_timeout
