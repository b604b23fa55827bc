"""Start, change and stop the whole production shape (used by ``make prod-shape`` and the tests).

Order of start: database and Redis emptied, object storage, migrate + static files + the demo
content (once), both nodes, the worker, the timer loop, Varnish. ``stop`` ends everything it
started in the reverse order, each within a bounded time, and drops the database.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Mapping
from pathlib import Path

from .config import NODES, PYTHON, ShapeConfig
from .database import drop_database, flush_redis, recreate_database
from .processes import Child, http_status, run, wait_for
from .storage import create_bucket, start_s3
from .varnish import start_varnish

GUNICORN = [PYTHON, "-m", "gunicorn", "--config", "python:kindness_site.gunicorn_conf"]
SETUP_TIMEOUT = 900


class Shape:
    """Every process of the production shape; a context manager that always stops them."""

    def __init__(
        self,
        config: ShapeConfig,
        *,
        timer_every: Mapping[str, float] | None = None,
        say: bool = False,
    ) -> None:
        self.config = config
        self.timer_every = dict(timer_every or {})
        self.say = say
        self.children: dict[str, Child] = {}
        self.started_at = time.monotonic()

    # --- reporting ------------------------------------------------------------------------
    def log(self, message: str) -> None:
        if self.say:
            print(f"[prod-shape {time.monotonic() - self.started_at:6.1f}s] {message}", flush=True)

    def url(self, name: str) -> str:
        """``varnish``, ``a``, ``b`` or ``s3``."""
        return self.config.url(name)

    # --- one-off commands -------------------------------------------------------------------
    def manage(
        self, *args: str, process: str = "a", timeout: float = 300, **env: str
    ) -> subprocess.CompletedProcess[str]:
        """``manage.py`` with the environment of ``process`` (a node: its VAR_DIR, its Redis,
        its object storage and purge settings), as an operator would run it there."""
        return run([PYTHON, "manage.py", *args], self.config.django_env(process, **env), timeout)

    def shell(self, code: str, process: str = "a", timeout: float = 300, **env: str) -> str:
        """Python run by ``manage.py shell`` in ``process``'s environment; its stdout."""
        return self.manage("shell", "-c", code, process=process, timeout=timeout, **env).stdout

    # --- the processes ----------------------------------------------------------------------
    def _child(self, name: str, command: list[str], **env: str) -> Child:
        child = Child(
            name, command, self.config.django_env(name, **env), self.config.run_dir / "logs"
        )
        self.children[name] = child.start()
        return child

    def start_node(self, node: str, wait: bool = True, **env: str) -> Child:
        """gunicorn with production settings and kindness_site/gunicorn_conf.py."""
        child = self._child(node, [*GUNICORN, "kindness_site.wsgi"], **env)
        if wait:
            self.wait_node(node)
        return child

    def wait_node(self, node: str, timeout: float = 120) -> None:
        wait_for(
            f"node {node}",
            lambda: http_status(self.url(node) + "/healthz") == 200,
            self.children[node],
            timeout,
        )

    def kill(self, name: str) -> None:
        """SIGKILL a process group (``a``, ``b``, ``worker``...): it dies without warning."""
        self.children[name].kill()

    def restart_node(self, node: str, **env: str) -> None:
        self.children[node].stop()
        self.start_node(node, wait=True, **env)

    def start_worker(self) -> Child:
        return self._child(
            "worker", [PYTHON, "manage.py", "db_worker", "--interval", "0.5", "--no-reload"]
        )

    def start_timers(self) -> Child:
        every = [f"--every={name}={seconds}" for name, seconds in self.timer_every.items()]
        return self._child("timers", [PYTHON, "-m", "topology.timers", *every])

    # --- the whole shape --------------------------------------------------------------------
    def _setup(self) -> None:
        """Migrate, static files for every process, demo content: once, before any server."""
        self.log(f"database {self.config.database}: migrate")
        self.manage("migrate", "--no-input", "-v", "0", timeout=SETUP_TIMEOUT)
        self.manage("compilemessages", "--ignore=.venv", "-v", "0", timeout=SETUP_TIMEOUT)
        self.log("collectstatic (one build, copied to each process's own VAR_DIR)")
        self.manage("collectstatic", "--no-input", "-v", "0", timeout=SETUP_TIMEOUT)
        built = self.config.var_dir("a") / "static"
        for process in (*NODES[1:], "worker", "timers"):
            target = self.config.var_dir(process) / "static"
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(built, target)
        self.log("load_demo_content (uploads go to object storage)")
        self.manage("load_demo_content", timeout=SETUP_TIMEOUT)

    def start(self) -> Shape:
        config = self.config
        config.run_dir.mkdir(parents=True, exist_ok=True)
        self.log(f"PostgreSQL database {config.database}, Redis {config.redis_url}")
        recreate_database(config)
        flush_redis(config.redis_url)
        self.log(f"object storage (moto S3 server) on {config.s3_endpoint}")
        self.children["s3"] = start_s3(config)
        create_bucket(config)
        self._setup()
        self.log("two gunicorn nodes, the worker and the timer loop")
        for node in NODES:
            self.start_node(node, wait=False)
        for node in NODES:
            self.wait_node(node)
        self.start_worker()
        self.start_timers()
        self.log("Varnish in front of both nodes")
        self.children["varnish"] = start_varnish(config)
        wait_for(
            "Varnish with healthy nodes",
            lambda: http_status(self.url("varnish") + "/en/") == 200,
            self.children["varnish"],
            60,
        )
        return self

    def stop(self, keep_database: bool = False) -> None:
        """Every process asked at once, then each waited for (at most 15 s, then SIGKILL)."""
        for child in self.children.values():
            child.terminate()
        for name in reversed(list(self.children)):
            self.children[name].stop()
        self.children.clear()
        try:
            flush_redis(self.config.redis_url)
            if not keep_database:
                drop_database(self.config)
        except Exception as error:  # stopping must go on; say what could not be cleaned
            self.log(f"cleaning up failed: {error}")

    def __enter__(self) -> Shape:
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def logs(self) -> Path:
        return self.config.run_dir / "logs"
