"""A fresh PostgreSQL database with the bilingual demo, built the way production deploys.

Dropped and recreated on every run so figures never depend on what an earlier run (or a developer)
left behind.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Callable

import psycopg
from psycopg import sql

from .config import ROOT, VENV_PYTHON, BenchConfig

SETUP_COMMANDS: tuple[tuple[str, ...], ...] = (
    ("migrate", "--no-input", "-v", "0"),
    ("load_demo_content",),
    ("collectstatic", "--no-input", "--clear", "-v", "0"),
    ("compilemessages", "--ignore=.venv", "-v", "0"),
)


def recreate_database(config: BenchConfig) -> None:
    """DROP … WITH (FORCE) closes connections a crashed earlier run may have left open."""
    with psycopg.connect(f"{config.pg_server}/postgres", autocommit=True) as conn:
        name = sql.Identifier(config.database)
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(name))


def drop_database(config: BenchConfig) -> None:
    with psycopg.connect(f"{config.pg_server}/postgres", autocommit=True) as conn:
        name = sql.Identifier(config.database)
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))


def empty_redis(config: BenchConfig) -> None:
    """Start from an empty shared cache: pages cached by an earlier run (or under an earlier
    database) must not be what this run measures."""
    if not config.redis_url:
        return
    import redis

    client = redis.Redis.from_url(config.redis_url, socket_connect_timeout=2)
    try:
        client.flushdb()
    finally:
        client.close()


def reset_var_dir(config: BenchConfig) -> None:
    """Uploads and collected files of the last run would otherwise pile up beside the new ones."""
    config.var_dir.mkdir(parents=True, exist_ok=True)
    for name in ("media", "static"):
        shutil.rmtree(config.var_dir / name, ignore_errors=True)


def run_setup(
    config: BenchConfig, log: list[str], remaining: Callable[[], float]
) -> dict[str, float]:
    """Run every setup command; return how long each took (seconds) for the report.

    ``remaining`` is the run's time left; no command may use all of it.
    """
    timings: dict[str, float] = {}
    env = config.django_env()
    for command in SETUP_COMMANDS:
        started = time.monotonic()
        result = subprocess.run(
            [str(VENV_PYTHON), "manage.py", *command],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=max(30, remaining() - 300),
            check=False,
        )
        timings[command[0]] = time.monotonic() - started
        if result.returncode != 0:
            raise RuntimeError(
                f"manage.py {' '.join(command)} failed ({result.returncode}):\n"
                f"{result.stdout[-2000:]}\n{result.stderr[-4000:]}"
            )
        if command[0] == "load_demo_content":
            log.append(result.stdout.strip().splitlines()[-1] if result.stdout.strip() else "")
    return timings
