"""Lighthouse 12 (mobile) with Debian's Chromium: scores, and bytes by resource type.

One Lighthouse run per page type gives both figures: its ``network-requests`` audit is the
first-load network log (Lighthouse clears the browser cache before loading), so weights and scores
come from the same load. Render-blocking requests come from Chromium's own trace
(``render-blocking-insight``), which lists every blocking request, not only the slow ones.
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from .config import CHROME_FLAGS, ROOT
from .servers import stop_group

LIGHTHOUSE_CLI = ROOT / "bench" / "node_modules" / "lighthouse" / "cli" / "index.js"
LIGHTHOUSE_RUNS = ROOT / "bench" / "lighthouse_runs.mjs"
CHROMIUM = Path(os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
RESOURCE_GROUPS = {
    "Document": "html",
    "Stylesheet": "css",
    "Script": "js",
    "Image": "images",
    "Font": "fonts",
}
WEIGHT_COLUMNS = ("html", "css", "js", "images", "fonts", "other")


@dataclass
class BrowserResult:
    url: str
    scores: dict[str, int] = field(default_factory=dict)
    bytes_by_type: dict[str, int] = field(default_factory=dict)
    requests: int = 0
    third_party: list[str] = field(default_factory=list)
    render_blocking: list[str] = field(default_factory=list)
    failed_audits: list[str] = field(default_factory=list)
    error: str = ""

    @property
    def total_bytes(self) -> int:
        return sum(self.bytes_by_type.values())

    def as_dict(self) -> dict:
        return {**asdict(self), "total_bytes": self.total_bytes}


def lighthouse_available() -> str:
    """Empty when Lighthouse can run, else why not (the report shows the reason)."""
    if not LIGHTHOUSE_CLI.exists():
        return "Lighthouse is not installed: run `npm ci --prefix bench`"
    if not CHROMIUM.exists():
        return f"no Chromium at {CHROMIUM}: `apt-get install -y chromium`"
    return ""


def run_lighthouse(url: str, output: Path, timeout: int) -> dict:
    output.parent.mkdir(parents=True, exist_ok=True)
    command = [
        "node",
        str(LIGHTHOUSE_CLI),
        url,
        "--output=json",
        f"--output-path={output}",
        "--quiet",
        "--disable-full-page-screenshot",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    env = {**os.environ, "CHROME_PATH": str(CHROMIUM)}
    process = subprocess.Popen(
        command,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # Chromium's helpers die with it on a timeout
    )
    try:
        _out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        stop_group(process, grace=5)
        raise RuntimeError(f"Lighthouse took longer than {timeout}s") from None
    finally:
        stop_group(process, grace=5)
    if process.returncode != 0 or not output.exists():
        raise RuntimeError(f"Lighthouse failed ({process.returncode}): {err.decode()[-800:]}")
    return json.loads(output.read_text())


def summarise(url: str, lhr: dict) -> BrowserResult:
    """Scores, weights, third-party and render-blocking requests from a Lighthouse result."""
    result = BrowserResult(url=lhr.get("finalDisplayedUrl") or url)
    for name in CATEGORIES:
        score = (lhr.get("categories", {}).get(name) or {}).get("score")
        if score is not None:
            result.scores[name] = round(score * 100)
    audits = lhr.get("audits", {})
    origin = urlsplit(url).netloc
    weights = dict.fromkeys(WEIGHT_COLUMNS, 0)
    types_by_url: dict[str, str] = {}
    items = ((audits.get("network-requests") or {}).get("details") or {}).get("items", [])
    for item in items:
        request_url = item.get("url", "")
        if request_url.startswith("data:"):
            continue
        group = RESOURCE_GROUPS.get(item.get("resourceType", ""), "other")
        types_by_url[request_url] = group
        weights[group] += int(item.get("transferSize") or 0)
        result.requests += 1
        if urlsplit(request_url).netloc != origin:
            result.third_party.append(request_url)
    result.bytes_by_type = weights
    blocking = audits.get("render-blocking-insight") or audits.get("render-blocking-resources")
    for item in ((blocking or {}).get("details") or {}).get("items", []):
        blocking_url = item.get("url", "")
        result.render_blocking.append(f"{types_by_url.get(blocking_url, 'other')} {blocking_url}")
    result.failed_audits = failing_audits(lhr)
    return result


def failing_audits(lhr: dict) -> list[str]:
    """Audits that cost points: what to fix when a category is below its goal."""
    audits = lhr.get("audits", {})
    failing: list[str] = []
    for name, category in lhr.get("categories", {}).items():
        for ref in category.get("auditRefs", []):
            audit = audits.get(ref.get("id"), {})
            score = audit.get("score")
            if (
                not ref.get("weight")
                or score is None
                or audit.get("scoreDisplayMode")
                not in (
                    "binary",
                    "numeric",
                    "metricSavings",
                )
            ):
                continue
            if score < (0.9 if name == "performance" else 1):
                failing.append(f"{name}/{ref['id']}")
    return failing


def measure_page(url: str, output: Path, timeout: int) -> BrowserResult:
    """One page with the Lighthouse CLI (a browser of its own): for a single page by hand."""
    try:
        return summarise(url, run_lighthouse(url, output, timeout))
    except (RuntimeError, json.JSONDecodeError, OSError) as error:
        return BrowserResult(url=url, error=str(error))


def measure_pages(jobs: list[tuple[str, Path]], timeout: float) -> list[BrowserResult]:
    """Every page in one Node process and one Chromium (bench/lighthouse_runs.mjs).

    Killed as a group at ``timeout``; pages it did not reach are reported as not measured.
    """
    for _url, output in jobs:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.unlink(missing_ok=True)
    jobs_file = jobs[0][1].parent / "jobs.json" if jobs else None
    if jobs_file is None:
        return []
    jobs_file.write_text(json.dumps([{"url": u, "output": str(o)} for u, o in jobs]))
    env = {**os.environ, "CHROME_PATH": str(CHROMIUM), "BENCH_CHROME_FLAGS": CHROME_FLAGS}
    process = subprocess.Popen(
        ["node", str(LIGHTHOUSE_RUNS), str(jobs_file)],
        cwd=ROOT / "bench",
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # Chromium's helpers die with it on a timeout
    )
    stopped = ""
    try:
        _out, err = process.communicate(timeout=timeout)
        if process.returncode != 0:
            stopped = f"Lighthouse exited with {process.returncode}: {err.decode()[-500:]}"
    except subprocess.TimeoutExpired:
        stopped = f"not reached: Lighthouse stopped at the time budget ({timeout:.0f} s)"
    finally:
        stop_group(process, grace=5)
    return [_read_result(url, output, stopped) for url, output in jobs]


def _read_result(url: str, output: Path, stopped: str) -> BrowserResult:
    if not output.exists():
        return BrowserResult(url=url, error=stopped or "Lighthouse wrote no report")
    try:
        lhr = json.loads(output.read_text())
    except json.JSONDecodeError as error:
        return BrowserResult(url=url, error=f"unreadable report: {error}")
    if lhr.get("runtimeError") and not lhr.get("categories"):
        return BrowserResult(url=url, error=str(lhr["runtimeError"].get("message", "")))
    result = summarise(url, lhr)
    if lhr.get("runtimeError"):
        result.error = str(lhr["runtimeError"].get("message", ""))
    return result
