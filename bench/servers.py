"""Gunicorn started in its own process group and always stopped, even when a step fails.

A benchmark that leaves four workers bound to a port would skew the next run and everyone else's
tests, so the server lives inside a context manager and is killed as a group.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .config import ROOT, VENV_BIN, BenchConfig


def wait_until_ready(url: str, process: subprocess.Popen, timeout: float = 120) -> None:
    """Poll /healthz until it answers; fail fast if gunicorn exits instead."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode} before it was ready")
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.25)
    raise RuntimeError(f"gunicorn did not answer on {url} within {timeout:.0f}s")


def stop_group(process: subprocess.Popen, grace: float = 10) -> None:
    """SIGTERM the whole group (master and workers), then SIGKILL what is left."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=grace)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            return
        process.wait(timeout=grace)


@dataclass(frozen=True)
class Server:
    base_url: str
    pid: int  # gunicorn's master

    def worker_peak_kb(self) -> list[int]:
        """Each worker's peak resident memory so far (VmHWM from /proc, kB), largest first."""
        peaks = []
        for pid in child_pids(self.pid):
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:  # the worker exited meanwhile
                continue
            for line in status.splitlines():
                if line.startswith("VmHWM:"):
                    peaks.append(int(line.split()[1]))
        return sorted(peaks, reverse=True)


def child_pids(parent: int) -> list[int]:
    """Processes whose parent is ``parent`` (field 4 of /proc/<pid>/stat, after the name)."""
    children = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == parent:
            children.append(int(entry.name))
    return children


@contextmanager
def gunicorn(config: BenchConfig, *, page_cache: bool, log_path: Path) -> Iterator[Server]:
    """Serve the site with production settings; yield its address and master's process id."""
    # The production configuration (threaded workers with keep-alive), with the bench's port and
    # worker count.
    command = [
        str(VENV_BIN / "gunicorn"),
        "--config",
        "python:kindness_site.gunicorn_conf",
        "kindness_site.wsgi",
    ]
    env = {
        **config.django_env(page_cache=page_cache),
        "GUNICORN_BIND": f"127.0.0.1:{config.port}",
        "WEB_CONCURRENCY": str(config.workers),
        "GUNICORN_THREADS": str(config.threads),
    }
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("ab") as log:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so stop_group reaches the workers
        )
        try:
            try:
                wait_until_ready(config.base_url, process)
            except RuntimeError as error:
                raise RuntimeError(f"{error}; see {log_path}") from error
            yield Server(config.base_url, process.pid)
        finally:
            stop_group(process)
