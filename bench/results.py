"""What one benchmark run measured: plain data, filled in by site_bench and read by report.

Kept apart from the measuring code so the report can be written (and tested) from fake figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .browser import BrowserResult
from .load import LoadResult

# Load configurations, in report order: (page cache on?, concurrent connections).
LOAD_RUNS: tuple[tuple[str, bool, int], ...] = (
    ("uncached-1", False, 1),
    ("uncached-10", False, 10),
    ("cached-1", True, 1),
    ("cached-10", True, 10),
)


@dataclass
class PageTypeResult:
    key: str  # "pages.homepage", "research.researchindexpage:reference", "view:search"
    label: str
    urls: dict[str, str]  # language -> path
    statuses: dict[str, int] = field(default_factory=dict)
    queries_cold: dict[str, int] = field(default_factory=dict)  # empty cache
    queries_warm: dict[str, int] = field(default_factory=dict)  # fragments cached, no page cache
    load: dict[str, LoadResult] = field(default_factory=dict)  # LOAD_RUNS name -> result
    cache_header: str = ""  # X-Page-Cache seen on the cached server ("hit" when served from it)
    browser: BrowserResult | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def is_home(self) -> bool:
        return self.key == "pages.homepage"

    @property
    def served_from_cache(self) -> bool:
        return self.cache_header == "hit"

    @property
    def never_cached(self) -> bool:
        """Measured on the cached server, yet not a single hit: the page is not cacheable."""
        measured = any(name.startswith("cached-") for name in self.load)
        return measured and not self.served_from_cache


@dataclass
class HelperOutput:
    """Another app's benchmark script (bench/*_bench.py), run as a subprocess."""

    script: str
    returncode: int | None  # None: killed at its time limit
    seconds: float
    stdout: str
    stderr_tail: str = ""


@dataclass
class BenchRun:
    started: str
    conditions: dict[str, str]
    setup_seconds: dict[str, float] = field(default_factory=dict)
    page_types: list[PageTypeResult] = field(default_factory=list)
    helpers: list[HelperOutput] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # steps that failed or were skipped
    failure: str = ""  # the error that stopped the run early, in full
    # 1-minute load average at each phase: other work on the machine skews every timing.
    machine_load: dict[str, float] = field(default_factory=dict)
    # /healthz at 10 connections on each server ("uncached", "cached"), at the start and the end
    # of its phase: the yardstick every page figure is divided by (the ratio is what stays stable
    # across machines, and the two figures show how much the machine's load moved meanwhile).
    healthz: dict[str, list[LoadResult]] = field(default_factory=dict)
    # Each worker's peak resident memory (VmHWM, kB) just before its server stopped, by phase.
    worker_peak_kb: dict[str, list[int]] = field(default_factory=dict)
    seconds: float = 0.0

    def healthz_rps(self, phase: str) -> float | None:
        """The mean /healthz req/s of one server, None when it was not measured."""
        runs = self.healthz.get(phase, [])
        return sum(run.rps for run in runs) / len(runs) if runs else None
