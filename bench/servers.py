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


@contextmanager
def gunicorn(config: BenchConfig, *, page_cache: bool, log_path: Path) -> Iterator[str]:
    """Serve the site with production settings; yield its base URL."""
    command = [
        str(VENV_BIN / "gunicorn"),
        "kindness_site.wsgi",
        "--workers",
        str(config.workers),
        "--worker-class",
        "sync",
        "--bind",
        f"127.0.0.1:{config.port}",
        "--backlog",
        "2048",
        "--log-level",
        "warning",
        # Import the site once in the master and fork: four workers importing Django and Wagtail
        # at the same time take most of a minute to boot on two busy cores. Requests are served
        # exactly as without it.
        "--preload",
    ]
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("ab") as log:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=config.django_env(page_cache=page_cache),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so stop_group reaches the workers
        )
        try:
            try:
                wait_until_ready(config.base_url, process)
            except RuntimeError as error:
                raise RuntimeError(f"{error}; see {log_path}") from error
            yield config.base_url
        finally:
            stop_group(process)
