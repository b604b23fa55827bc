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
            yield config.base_url
        finally:
            stop_group(process)
