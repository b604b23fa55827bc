"""Production gunicorn configuration: threaded keep-alive workers, tunable from the environment."""

from __future__ import annotations

import importlib
import subprocess
import sys

import kindness_site.gunicorn_conf as conf


def test_defaults_keep_connections_alive(monkeypatch):
    for name in ("WEB_CONCURRENCY", "GUNICORN_THREADS", "GUNICORN_BIND"):
        monkeypatch.delenv(name, raising=False)
    module = importlib.reload(conf)
    assert module.worker_class == "gthread"
    assert module.threads >= 2 and module.keepalive > 0
    assert module.bind == "0.0.0.0:8000"
    assert module.accesslog is None  # the site writes its own JSON access lines


def test_environment_overrides(monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    monkeypatch.setenv("GUNICORN_THREADS", "8")
    monkeypatch.setenv("GUNICORN_BIND", "127.0.0.1:9001")
    module = importlib.reload(conf)
    assert (module.workers, module.threads, module.bind) == (3, 8, "127.0.0.1:9001")
    monkeypatch.undo()
    importlib.reload(conf)


def test_gunicorn_accepts_the_file():
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--print-config",
            "-c",
            "python:kindness_site.gunicorn_conf",
            "kindness_site.wsgi",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    printed = dict(
        (key.strip(), value.strip())
        for key, value in (line.split("=", 1) for line in result.stdout.splitlines() if "=" in line)
    )
    assert printed["worker_class"] == "gthread"
    assert printed["preload_app"] == "True"
