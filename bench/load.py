"""Load on loopback, bounded in time: wrk when Debian's wrk is installed, else Python threads.

Each measurement is a short warm-up (fills the per-worker page cache and connection pools)
followed by a fixed-length run, so the whole load phase has a known upper bound.
"""

from __future__ import annotations

import http.client
import json
import shutil
import statistics
import subprocess
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlsplit

LUA_REPORT = Path(__file__).with_name("wrk_report.lua")


@dataclass(frozen=True)
class LoadResult:
    connections: int
    requests: int
    seconds: float
    rps: float
    p50_ms: float
    p95_ms: float
    errors: int  # socket errors plus responses that were not 2xx/3xx
    tool: str

    def as_dict(self) -> dict:
        return asdict(self)


def have_wrk() -> bool:
    return shutil.which("wrk") is not None


def run_wrk(url: str, connections: int, seconds: int) -> LoadResult:
    threads = max(1, min(connections, 2))
    result = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "5s",
            "-s",
            str(LUA_REPORT),
            url,
        ],
        capture_output=True,
        text=True,
        timeout=seconds + 30,
        check=False,
    )
    line = next(
        (ln for ln in result.stdout.splitlines() if ln.startswith("BENCH-JSON ")),
        None,
    )
    if result.returncode != 0 or line is None:
        raise RuntimeError(f"wrk failed ({result.returncode}): {result.stderr or result.stdout}")
    data = json.loads(line.removeprefix("BENCH-JSON "))
    duration = data["duration_us"] / 1e6
    return LoadResult(
        connections=connections,
        requests=data["requests"],
        seconds=duration,
        rps=data["requests"] / duration if duration else 0.0,
        p50_ms=data["p50_us"] / 1000,
        p95_ms=data["p95_us"] / 1000,
        errors=data["socket_errors"] + data["non_2xx_3xx"],
        tool="wrk",
    )


def run_threads(url: str, connections: int, seconds: int) -> LoadResult:
    """Fallback load generator: one thread per connection, a new TCP connection per request
    (gunicorn's sync workers close it anyway). Slower than wrk, so its ceiling is lower."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    deadline = time.monotonic() + seconds
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()

    def worker() -> None:
        nonlocal errors
        own: list[float] = []
        own_errors = 0
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                conn = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=5)
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                conn.close()
                if response.status >= 400:
                    own_errors += 1
            except OSError:
                own_errors += 1
                continue
            own.append(time.perf_counter() - started)
        with lock:
            latencies.extend(own)
            errors += own_errors

    started = time.monotonic()
    workers = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    elapsed = time.monotonic() - started
    ordered = sorted(latencies) or [0.0]
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return LoadResult(
        connections=connections,
        requests=len(latencies),
        seconds=elapsed,
        rps=len(latencies) / elapsed if elapsed else 0.0,
        p50_ms=statistics.median(ordered) * 1000,
        p95_ms=p95 * 1000,
        errors=errors,
        tool="python-threads",
    )


def measure(url: str, connections: int, seconds: int) -> LoadResult:
    run = run_wrk if have_wrk() else run_threads
    return run(url, connections, seconds)


def _get(url: str) -> tuple[int, str]:
    """One GET; the status and the X-Page-Cache header."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    conn = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=10)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        return response.status, response.getheader("X-Page-Cache", "")
    finally:
        conn.close()


def warm_up(url: str, requests: int) -> None:
    """A few sequential requests, so every worker has loaded its templates (and, with the page
    cache on, stored the page) before the clock starts; far cheaper than a timed warm-up run."""
    for _ in range(requests):
        _get(url)


def cache_header(url: str, attempts: int = 8) -> str:
    """ "hit" when any of a few requests was served from the page cache, else what the last one
    said ("miss", or "" when the header is absent: never cacheable).

    Several attempts because each gunicorn worker has its own local-memory cache, and a new
    connection may land on a worker (or thread) the warm-up's kept-alive connection never reached.
    """
    seen = [_get(url)[1] for _ in range(attempts)]
    return "hit" if "hit" in seen else seen[-1]
