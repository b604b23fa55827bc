"""The site's own measurements: page types, queries, load under gunicorn, Lighthouse.

Called by bench/run.py after the database is built. Each phase checks the run's deadline before
each measurement and records what it had to skip, so a slow machine yields a shorter report
rather than a run that never ends.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from . import browser, load
from .config import ROOT, VENV_PYTHON, BenchConfig
from .load import LoadResult
from .results import LOAD_RUNS, PageTypeResult
from .servers import gunicorn

# Seconds each step takes besides the measured time (wrk start, warm-up requests, gunicorn boot),
# and a Lighthouse run on an idle and a busy two-core machine; used to plan the time budget.
MEASUREMENT_OVERHEAD = 0.6
WARMUP_ESTIMATE = 2.0
SERVER_START_ESTIMATE = 20.0
LIGHTHOUSE_ESTIMATE = 12.0
LIGHTHOUSE_ESTIMATE_BUSY = 20.0
HEALTHZ_RUNS = 4  # /healthz at the start and the end of the uncached and of the cached phase


def lighthouse_estimate() -> float:
    busy = os.getloadavg()[0] > (os.cpu_count() or 1)
    return LIGHTHOUSE_ESTIMATE_BUSY if busy else LIGHTHOUSE_ESTIMATE


def plan_seconds(config: BenchConfig, page_types: int, remaining: float) -> int:
    """Seconds per load measurement so that every page type is measured and still gets its
    Lighthouse run: shorter measurements beat a report with page types missing."""
    if page_types == 0:
        return config.seconds
    fixed = (
        page_types * lighthouse_estimate()
        + 2 * SERVER_START_ESTIMATE
        + 2 * page_types * WARMUP_ESTIMATE
    )
    measurements = page_types * len(LOAD_RUNS) + HEALTHZ_RUNS
    per_measurement = (remaining - fixed) / measurements - MEASUREMENT_OVERHEAD
    return max(1, min(config.seconds, int(per_measurement)))


class Deadline:
    """The monotonic time by which the run must be done."""

    def __init__(self, seconds: float) -> None:
        self.end = time.monotonic() + seconds

    def remaining(self) -> float:
        return self.end - time.monotonic()

    def allows(self, seconds: float) -> bool:
        return self.remaining() > seconds


def record_machine_load(machine_load: dict[str, float], phase: str) -> None:
    machine_load[phase] = round(os.getloadavg()[0], 1)


def discover(config: BenchConfig, problems: list[str]) -> list[PageTypeResult]:
    """Run bench.pages_probe inside Django with the page cache off."""
    output = config.var_dir / "page-types.json"
    output.unlink(missing_ok=True)
    log = config.var_dir / "logs" / "pages_probe.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w") as log_file:
        result = subprocess.run(
            [str(VENV_PYTHON), "-m", "bench.pages_probe", str(output)],
            cwd=ROOT,
            env=config.django_env(page_cache=False),
            stdout=log_file,
            stderr=subprocess.STDOUT,
            timeout=300,
            check=False,
        )
    if result.returncode != 0 or not output.exists():
        raise RuntimeError(f"finding page types failed ({result.returncode}); see {log}")
    return [to_result(item, problems) for item in json.loads(output.read_text())]


def to_result(item: dict, problems: list[str]) -> PageTypeResult:
    result = PageTypeResult(
        key=item["key"],
        label=item["label"],
        urls={lang: probe["url"] for lang, probe in item["probes"].items()},
    )
    for language, probe in item["probes"].items():
        result.statuses[language] = probe["status"]
        result.queries_cold[language] = probe["queries_cold"]
        result.queries_warm[language] = probe["queries_warm"]
        if probe.get("error"):
            problems.append(f"{result.label} ({language}) `{probe['url']}`: {probe['error']}")
        elif probe["status"] != 200:
            problems.append(
                f"{result.label} ({language}) `{probe['url']}` answered {probe['status']}"
            )
    if item.get("note"):
        result.notes.append(item["note"])
        problems.append(f"{result.label}: {item['note']}")
    for language in ("en", "it"):
        if language not in result.urls and result.urls:
            result.notes.append(f"no {language} example")
    return result


def load_url(result: PageTypeResult) -> str | None:
    """The URL measured under load and in the browser: English if it works, else Italian."""
    for language in ("en", "it"):
        if result.statuses.get(language) == 200:
            return result.urls[language]
    return None


def measure_load(
    config: BenchConfig,
    results: list[PageTypeResult],
    deadline: Deadline,
    problems: list[str],
    *,
    cached: bool,
    machine_load: dict[str, float],
    healthz: dict[str, list[LoadResult]],
    worker_peak_kb: dict[str, list[int]],
    after: Callable[[str], None] | None = None,
) -> None:
    """Start one gunicorn (page cache on or off), load /healthz, every page type and /healthz
    again, note the workers' peak memory, then run ``after``."""
    name = "cached" if cached else "uncached"
    per_page = len(config.connections) * (config.seconds + MEASUREMENT_OVERHEAD) + WARMUP_ESTIMATE
    log = config.var_dir / "logs" / f"gunicorn-{name}.log"
    log.unlink(missing_ok=True)
    with gunicorn(config, page_cache=cached, log_path=log) as server:
        base_url = server.base_url
        measure_healthz(config, base_url, healthz.setdefault(name, []), problems)
        for result in results:
            path = load_url(result)
            if path is None:
                continue
            if not deadline.allows(per_page):
                problems.append(f"{name} load of {result.label} skipped: time budget used up")
                continue
            url = base_url + path
            try:
                load.warm_up(url, config.warmup_requests)
                if cached:
                    result.cache_header = load.cache_header(url)
                for run_name, run_cached, connections in LOAD_RUNS:
                    if run_cached == cached and connections in config.connections:
                        result.load[run_name] = load.measure(url, connections, config.seconds)
            except (RuntimeError, OSError, subprocess.TimeoutExpired) as error:
                problems.append(f"{name} load of {result.label} failed: {error}")
        measure_healthz(config, base_url, healthz[name], problems)
        worker_peak_kb[name] = server.worker_peak_kb()
        record_machine_load(machine_load, f"after {name} load")
        if after is not None:
            after(base_url)
            record_machine_load(machine_load, "after Lighthouse")


def measure_healthz(
    config: BenchConfig, base_url: str, into: list[LoadResult], problems: list[str]
) -> None:
    """/healthz at 10 connections on the same server: what the machine, gunicorn and the
    middleware stack allow without any page, the yardstick of every page's figure."""
    url = base_url + "/healthz"
    try:
        load.warm_up(url, config.warmup_requests)
        into.append(load.measure(url, 10, config.seconds))
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as error:
        problems.append(f"/healthz load failed: {error}")


def measure_browser(
    config: BenchConfig,
    results: list[PageTypeResult],
    deadline: Deadline,
    problems: list[str],
    base_url: str,
) -> None:
    reason = browser.lighthouse_available()
    if reason:
        problems.append(f"Lighthouse skipped: {reason}")
        return
    # The home page first: its weight goals must not be the ones a short budget cuts off.
    todo = sorted((r for r in results if load_url(r)), key=lambda r: not r.is_home)
    output_dir = config.var_dir / "lighthouse"
    jobs = [
        (
            base_url + (load_url(result) or ""),
            output_dir / f"{result.key.replace('.', '-').replace(':', '-')}.json",
        )
        for result in todo
    ]
    for result, measured in zip(
        todo, browser.measure_pages(jobs, max(10, deadline.remaining())), strict=True
    ):
        result.browser = measured
        if measured.error:
            problems.append(f"Lighthouse for {result.label}: {measured.error}")


def run_site_bench(
    config: BenchConfig,
    deadline: Deadline,
    problems: list[str],
    machine_load: dict[str, float],
    conditions: dict[str, str],
    *,
    healthz: dict[str, list[LoadResult]],
    worker_peak_kb: dict[str, list[int]],
    browser_phase: bool = True,
) -> list[PageTypeResult]:
    results = discover(config, problems)
    measurable = [r for r in results if load_url(r)]
    seconds = plan_seconds(config, len(measurable), deadline.remaining())
    if seconds < config.seconds:
        problems.append(
            f"load measurements shortened from {config.seconds} s to {seconds} s each so every "
            "page type fits in the time budget"
        )
        config = replace(config, seconds=seconds)
    conditions["load"] = (
        f"{config.warmup_requests} warm-up requests, then {config.seconds} s per measurement"
    )

    def lighthouse(base_url: str) -> None:
        measure_browser(config, measurable, deadline, problems, base_url)

    for cached in (False, True):
        try:
            measure_load(
                config,
                measurable,
                deadline,
                problems,
                cached=cached,
                machine_load=machine_load,
                healthz=healthz,
                worker_peak_kb=worker_peak_kb,
                after=lighthouse if cached and browser_phase else None,
            )
        except RuntimeError as error:  # gunicorn did not start: the other phase may still run
            problems.append(f"{'cached' if cached else 'uncached'} server: {error}")
    return results


def write_json(results: list[PageTypeResult], path: Path) -> None:
    """The raw figures beside the report, for anyone who wants to compare runs."""

    def encode(value: object) -> object:
        if hasattr(value, "as_dict"):
            return value.as_dict()
        if hasattr(value, "__dict__"):
            return vars(value)
        raise TypeError(type(value))

    path.write_text(json.dumps(results, default=encode, indent=2))
