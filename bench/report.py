"""Write var/bench/report.md and report.png from a BenchRun.

Pure functions of the measurements (no servers, no database), so the smoke test can feed them
fake figures. Missing figures are written as a dash with the reason in the notes, never as zero,
so a step that failed cannot pass for a fast one.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from .browser import WEIGHT_COLUMNS
from .config import (
    GOAL_CACHED_RPS,
    GOAL_HOME_JS_BYTES,
    GOAL_HOME_TOTAL_BYTES,
    GOAL_LIGHTHOUSE,
    GOAL_MAX_QUERIES,
    GOAL_UNCACHED_HOME_RPS,
    GOAL_UNCACHED_RPS_BY_KIND,
    ISSUE_PAGE_TYPES,
)
from .results import LOAD_RUNS, BenchRun, PageTypeResult

DASH = "\u2013"  # an en dash: "not measured", distinct from a zero


@dataclass(frozen=True)
class GoalCheck:
    goal: str
    subject: str
    actual: str
    passed: bool | None  # None: not measured (or not applicable)
    applicable: bool = True

    @property
    def verdict(self) -> str:
        if not self.applicable:
            return "not applicable"
        return {True: "pass", False: "**FAIL**", None: "not measured"}[self.passed]


def kb(size: int | None) -> str:
    return DASH if size is None else f"{size / 1024:.1f}"


def num(value: float | None, digits: int = 0) -> str:
    return DASH if value is None else f"{value:,.{digits}f}"


def _rps(result: PageTypeResult, run: str) -> float | None:
    load = result.load.get(run)
    return None if load is None else load.rps


def check_goals(run: BenchRun) -> list[GoalCheck]:
    """Every goal of issue 7 against every page type it applies to."""
    checks: list[GoalCheck] = []
    missing = [r.label for r in run.page_types if not r.urls]
    if run.page_types:
        checks.append(
            GoalCheck(
                "every page type has a live demo page",
                "all",
                ", ".join(missing) or "yes",
                not missing,
            )
        )
    measured = [r for r in run.page_types if r.urls]
    for result in measured:
        # A page-cache miss in a running site: fragments (menus, footer) are already cached.
        # The empty-cache figure is shown beside it; it is what the first visitor after a cache
        # flush or a deploy costs.
        for language in sorted(result.queries_warm):
            warm = result.queries_warm[language]
            cold = result.queries_cold.get(language)
            checks.append(
                GoalCheck(
                    f"≤ {GOAL_MAX_QUERIES} queries uncached",
                    f"{result.label} ({language})",
                    f"{warm} (empty cache: {num(cold)})",
                    warm <= GOAL_MAX_QUERIES,
                )
            )
    for result in measured:
        rps = _rps(result, "cached-10")
        if result.never_cached:
            checks.append(
                GoalCheck(
                    f"cached ≥ {GOAL_CACHED_RPS:,} req/s (10 conn.)",
                    result.label,
                    f"{num(rps)} (never cached: X-Page-Cache {result.cache_header or 'absent'})",
                    None,
                )
            )
            continue
        checks.append(
            GoalCheck(
                f"cached ≥ {GOAL_CACHED_RPS:,} req/s (10 conn.)",
                result.label,
                num(rps),
                None if rps is None else rps >= GOAL_CACHED_RPS,
            )
        )
    checks.extend(_issue_15_checks(run))
    home = next((r for r in run.page_types if r.is_home), None)
    if home is not None:
        rps = _rps(home, "uncached-10")
        checks.append(
            GoalCheck(
                f"uncached home ≥ {GOAL_UNCACHED_HOME_RPS} req/s (10 conn.)",
                home.label,
                num(rps),
                None if rps is None else rps >= GOAL_UNCACHED_HOME_RPS,
            )
        )
        checks.extend(_weight_checks(home))
    for result in measured:
        scores = result.browser.scores if result.browser else {}
        failing = result.browser.failed_audits if result.browser else []
        for category, target in GOAL_LIGHTHOUSE.items():
            score = scores.get(category)
            passed = None if score is None else score >= target
            # Search results say noindex on purpose (search engines ask sites to keep result
            # lists out of their index); Lighthouse counts that as "blocked from indexing".
            noindex = category == "seo" and passed is False and _only_noindex(failing)
            checks.append(
                GoalCheck(
                    f"Lighthouse {category} ≥ {target}",
                    result.label,
                    f"{num(score)} (only is-crawlable: noindex by design)"
                    if noindex
                    else num(score),
                    None if noindex else passed,
                    applicable=not noindex,
                )
            )
    return checks


def _issue_15_checks(run: BenchRun) -> list[GoalCheck]:
    """Issue 15: every page type it names is measured, each kind at its uncached goal."""
    if not run.page_types:
        return []
    found = {result.key: result for result in run.page_types if result.urls}
    missing = [name for key, (name, _kind) in ISSUE_PAGE_TYPES.items() if key not in found]
    checks = [
        GoalCheck(
            "every page type of issue 15 measured",
            "all",
            ", ".join(f"missing: {name}" for name in missing) or "yes",
            not missing,
        )
    ]
    for key, (_name, kind) in ISSUE_PAGE_TYPES.items():
        if key not in found:
            continue
        goal = GOAL_UNCACHED_RPS_BY_KIND[kind]
        rps = _rps(found[key], "uncached-10")
        checks.append(
            GoalCheck(
                f"uncached {kind} ≥ {goal} req/s (10 conn.)",
                found[key].label,
                num(rps),
                None if rps is None else rps >= goal,
            )
        )
    return checks


def _ratio(rps: float | None, healthz: float | None) -> str:
    return DASH if rps is None or not healthz else f"{rps / healthz:.2f}"


def _only_noindex(failed_audits: list[str]) -> bool:
    """True when the only SEO audit losing points is ``is-crawlable`` (a deliberate noindex)."""
    seo = [audit for audit in failed_audits if audit.startswith("seo/")]
    return seo == ["seo/is-crawlable"]


def _weight_checks(home: PageTypeResult) -> list[GoalCheck]:
    browser = home.browser if home.browser and not home.browser.error else None
    if browser is None:
        return [GoalCheck("home page weight", home.label, "not measured", None)]
    blocking_other = [item for item in browser.render_blocking if not item.startswith("css ")]
    blocking_css = [item for item in browser.render_blocking if item.startswith("css ")]
    return [
        GoalCheck(
            f"home ≤ {GOAL_HOME_TOTAL_BYTES // 1024} KB transferred",
            home.label,
            f"{kb(browser.total_bytes)} KB",
            browser.total_bytes <= GOAL_HOME_TOTAL_BYTES,
        ),
        GoalCheck(
            f"home ≤ {GOAL_HOME_JS_BYTES // 1024} KB JavaScript",
            home.label,
            f"{kb(browser.bytes_by_type.get('js', 0))} KB",
            browser.bytes_by_type.get("js", 0) <= GOAL_HOME_JS_BYTES,
        ),
        GoalCheck(
            "home: no third-party requests",
            home.label,
            ", ".join(browser.third_party) or "none",
            not browser.third_party,
        ),
        GoalCheck(
            "home: nothing render-blocking but one CSS file",
            home.label,
            "; ".join(browser.render_blocking) or "none",
            not blocking_other and len(blocking_css) <= 1,
        ),
    ]


def _summary_table(run: BenchRun) -> list[str]:
    lines = [
        "| Page type | Queries en / it (empty cache) | Uncached req/s 1 / 10 conn. "
        "| Cached req/s 1 / 10 conn. | 10 conn. ÷ /healthz uncached / cached "
        "| Weight KB | Lighthouse P / A / BP / SEO |",
        "|---|---|---|---|---|---|---|",
    ]
    healthz = {phase: run.healthz_rps(phase) for phase in ("uncached", "cached")}
    for result in run.page_types:
        queries = " / ".join(num(result.queries_warm.get(lang)) for lang in ("en", "it"))
        queries += " (" + " / ".join(num(result.queries_cold.get(lang)) for lang in ("en", "it"))
        queries += ")"
        uncached = " / ".join(num(_rps(result, name)) for name in ("uncached-1", "uncached-10"))
        cached = " / ".join(num(_rps(result, name)) for name in ("cached-1", "cached-10"))
        if result.never_cached:
            cached += " (not cached)"
        ratios = " / ".join(
            _ratio(_rps(result, f"{phase}-10"), healthz[phase]) for phase in healthz
        )
        browser = result.browser
        weight = kb(browser.total_bytes) if browser and not browser.error else DASH
        scores = " / ".join(
            num((browser.scores if browser else {}).get(name)) for name in GOAL_LIGHTHOUSE
        )
        lines.append(
            f"| {result.label} | {queries} | {uncached} | {cached} | {ratios} | {weight} "
            f"| {scores} |"
        )
    return lines


def _servers(run: BenchRun) -> list[str]:
    """/healthz on each server (the yardstick of the ratios) and each worker's peak memory."""
    if not run.healthz and not run.worker_peak_kb:
        return []
    lines = [
        "## Servers",
        "",
        "| Server | /healthz req/s, 10 conn. (start, end) | median ms | "
        "peak memory per worker (VmHWM, MB) |",
        "|---|---|---|---|",
    ]
    for phase in ("uncached", "cached"):
        runs = run.healthz.get(phase, [])
        rps = ", ".join(num(load.rps) for load in runs) or DASH
        median = ", ".join(num(load.p50_ms, 1) for load in runs) or DASH
        memory = ", ".join(f"{kb / 1024:.0f}" for kb in run.worker_peak_kb.get(phase, [])) or DASH
        lines.append(f"| {phase} | {rps} | {median} | {memory} |")
    return [*lines, ""]


def _page_type_section(result: PageTypeResult) -> list[str]:
    if not result.urls:
        notes = "; ".join(result.notes) or "nothing to measure"
        return [f"### {result.label}", "", f"`{result.key}`: {notes}.", ""]
    urls = ", ".join(f"`{url}`" for url in result.urls.values())
    lines = [f"### {result.label}", "", f"`{result.key}`: {urls}", ""]
    lines += [
        "| Language | HTTP status | Queries, empty cache | Queries, fragments cached |",
        "|---|---|---|---|",
    ]
    for language in result.urls:
        lines.append(
            f"| {language} | {num(result.statuses.get(language))} "
            f"| {num(result.queries_cold.get(language))} "
            f"| {num(result.queries_warm.get(language))} |"
        )
    lines += ["", "| Load (gunicorn) | req/s | median ms | p95 ms | requests | errors |"]
    lines.append("|---|---|---|---|---|---|")
    for name, cached, connections in LOAD_RUNS:
        load = result.load.get(name)
        label = f"{'cached' if cached else 'uncached'}, {connections} conn."
        if load is None:
            lines.append(f"| {label} | {DASH} | {DASH} | {DASH} | {DASH} | {DASH} |")
            continue
        lines.append(
            f"| {label} | {num(load.rps)} | {num(load.p50_ms, 1)} | {num(load.p95_ms, 1)} "
            f"| {load.requests:,} | {load.errors:,} |"
        )
    if any(name.startswith("cached-") for name in result.load):
        header = result.cache_header or "absent"
        lines += ["", f"X-Page-Cache on the cached server: {header}."]
    browser = result.browser
    lines += ["", "| Bytes (KB) | " + " | ".join(WEIGHT_COLUMNS) + " | total | requests |"]
    lines.append("|---" * (len(WEIGHT_COLUMNS) + 3) + "|")
    if browser is None or browser.error:
        lines.append("| first load | " + " | ".join([DASH] * (len(WEIGHT_COLUMNS) + 2)) + " |")
    else:
        cells = " | ".join(kb(browser.bytes_by_type.get(col, 0)) for col in WEIGHT_COLUMNS)
        lines.append(f"| first load | {cells} | {kb(browser.total_bytes)} | {browser.requests} |")
    lines += ["", "| Lighthouse (mobile) | " + " | ".join(GOAL_LIGHTHOUSE) + " |"]
    lines.append("|---" * (len(GOAL_LIGHTHOUSE) + 1) + "|")
    scores = browser.scores if browser else {}
    lines.append("| score | " + " | ".join(num(scores.get(c)) for c in GOAL_LIGHTHOUSE) + " |")
    if browser and browser.error:
        lines += ["", f"Lighthouse failed: {browser.error}"]
    if browser and browser.failed_audits:
        lines += ["", "Audits losing points: " + ", ".join(f"`{a}`" for a in browser.failed_audits)]
    if browser and browser.render_blocking:
        lines += ["", "Render-blocking: " + "; ".join(f"`{r}`" for r in browser.render_blocking)]
    if browser and browser.third_party:
        lines += ["", "Third-party requests: " + ", ".join(f"`{u}`" for u in browser.third_party)]
    for note in result.notes:
        lines += ["", f"Note: {note}"]
    return [*lines, ""]


def _machine_load(run: BenchRun) -> list[str]:
    """Say how busy the machine was: timings from a loaded machine must not be read as final."""
    if not run.machine_load:
        return []
    cores = os.cpu_count() or 1
    figures = ", ".join(f"{phase} {load:.1f}" for phase, load in run.machine_load.items())
    lines = [f"Machine load (1-minute load average, {cores} cores): {figures}.", ""]
    peak = max(run.machine_load.values())
    if peak > cores:
        lines += [
            f"> **The machine was busy with other work** (load average up to {peak:.1f} on "
            f"{cores} cores): requests per second and latencies are lower, and Lighthouse "
            "performance may be lower, than on an idle machine. Repeat on a quiet machine "
            "before acting on a missed speed goal.",
            "",
        ]
    return lines


def render_markdown(run: BenchRun, chart_name: str = "report.png") -> str:
    checks = check_goals(run)
    failed = [c for c in checks if c.passed is False]
    unmeasured = [c for c in checks if c.passed is None and c.applicable]
    not_applicable = [c for c in checks if not c.applicable]
    lines = [
        "# Benchmark report",
        "",
        f"Run {run.started}, {run.seconds:.0f} s in all. "
        + "; ".join(f"{key}: {value}" for key, value in run.conditions.items())
        + ".",
        "",
        "Queries: rendered in-process with the Django test client and the page cache off, as a "
        "page-cache miss in a running site (menu and footer fragments cached), and in brackets "
        "with the whole cache emptied first. Load: gunicorn on loopback, "
        "uncached = PAGE_CACHE_ENABLED=false, cached = the anonymous page cache on and warmed; "
        "each server's /healthz is measured at the start and the end of its phase, and every "
        "page's req/s at 10 connections is also given divided by that server's mean /healthz "
        "(a ratio that carries across machines where req/s do not). "
        "Weight and scores: Lighthouse 12, mobile, first load (browser cache cleared).",
        "",
        *_machine_load(run),
        f"![Requests per second, cached and uncached]({chart_name})",
        "",
        "## Summary",
        "",
        *_summary_table(run),
        "",
        *_servers(run),
        "## Goals",
        "",
        f"{len(checks) - len(failed) - len(unmeasured) - len(not_applicable)} passed, "
        f"{len(failed)} failed, {len(unmeasured)} not measured, "
        f"{len(not_applicable)} not applicable.",
        "",
        "| Goal | Page type | Measured | Result |",
        "|---|---|---|---|",
        *(f"| {c.goal} | {c.subject} | {c.actual} | {c.verdict} |" for c in checks),
        "",
        "## Page types",
        "",
    ]
    for result in run.page_types:
        lines += _page_type_section(result)
    if run.helpers:
        lines += ["## Other benchmarks", ""]
        for helper in run.helpers:
            status = (
                "killed at its time limit"
                if helper.returncode is None
                else f"exit status {helper.returncode}"
            )
            lines += [f"### {helper.script}", "", f"{status}, {helper.seconds:.0f} s.", ""]
            lines += ["```", helper.stdout.rstrip() or "(no output)", "```", ""]
            if helper.stderr_tail and helper.returncode != 0:
                lines += ["Errors:", "", "```", helper.stderr_tail.rstrip(), "```", ""]
    if run.setup_seconds:
        timings = ", ".join(f"{name} {secs:.0f} s" for name, secs in run.setup_seconds.items())
        lines += ["## Setup", "", timings + ".", ""]
    if run.problems:
        lines += ["## Problems", "", *(f"- {problem}" for problem in run.problems), ""]
    if run.failure:
        lines += ["```", run.failure.rstrip()[-6000:], "```", ""]
    return "\n".join(lines)


def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    try:
        return ImageFont.load_default(size=size)
    except (TypeError, OSError):  # Pillow without FreeType
        return ImageFont.load_default()


def render_chart(run: BenchRun, path: Path) -> None:
    """Horizontal bars: req/s at 10 connections, cached against uncached, per page type.

    Logarithmic axis: cached and uncached figures differ by two orders of magnitude, and on a
    linear axis the uncached bars would vanish.
    """
    rows = [r for r in run.page_types if r.load]
    label_width, bar_width, row_height, top = 300, 560, 44, 78
    width = label_width + bar_width + 110
    height = top + max(1, len(rows)) * row_height + 56
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    title, small = _font(18), _font(13)
    heading = "Requests per second at 10 connections (gunicorn, log scale)"
    draw.text((16, 12), heading, fill="black", font=title)
    cached_colour, uncached_colour, goal_colour = (31, 119, 180), (255, 127, 14), (200, 0, 0)
    draw.rectangle((16, 44, 28, 56), fill=cached_colour)
    draw.text((34, 42), "cached (page cache on)", fill="black", font=small)
    draw.rectangle((230, 44, 242, 56), fill=uncached_colour)
    draw.text((248, 42), "uncached", fill="black", font=small)
    values = [v for r in rows for v in (_rps(r, "cached-10"), _rps(r, "uncached-10")) if v]
    decades = max(4, math.ceil(math.log10(max([GOAL_CACHED_RPS * 1.5, *values]))))

    def x_of(rps: float) -> float:
        return label_width + bar_width * max(0.0, math.log10(max(rps, 1.0))) / decades

    bottom = height - 44
    for power in range(decades + 1):
        x = x_of(10**power)
        draw.line((x, top - 6, x, bottom), fill=(220, 220, 220))
        draw.text((x - 8, bottom + 4), f"{10**power:,}", fill="grey", font=small)
    for index, result in enumerate(rows):
        y = top + index * row_height
        draw.text((16, y + 12), result.label[:40], fill="black", font=small)
        for offset, run_name, colour in (
            (0, "cached-10", cached_colour),
            (18, "uncached-10", uncached_colour),
        ):
            rps = _rps(result, run_name)
            if rps is None:
                continue
            x_end = max(label_width + 2, x_of(rps))
            draw.rectangle((label_width, y + offset, x_end, y + offset + 15), fill=colour)
            suffix = " (no hit)" if run_name == "cached-10" and result.never_cached else ""
            draw.text((x_end + 4, y + offset), f"{rps:,.0f}{suffix}", fill="black", font=small)
    goal_x = x_of(GOAL_CACHED_RPS)
    draw.line((goal_x, top - 6, goal_x, bottom), fill=goal_colour, width=2)
    goal_text = f"goal {GOAL_CACHED_RPS:,} cached"
    draw.text((goal_x - 60, bottom + 22), goal_text, fill=goal_colour, font=small)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path)


def write_report(run: BenchRun, markdown_path: Path, chart_path: Path) -> None:
    render_chart(run, chart_path)
    markdown_path.parent.mkdir(parents=True, exist_ok=True)
    markdown_path.write_text(render_markdown(run, chart_path.name), encoding="utf-8")
