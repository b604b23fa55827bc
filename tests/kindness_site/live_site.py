"""The site as it really runs: its own database, servers in their own processes, changes made
from yet another process (``manage.py shell``, ``publish_scheduled``), and Varnish in front.

Used by the freshness tests, which must see what a visitor sees when the process that changed
the content is not the one serving the page (in-process tests share the cache and the signals,
so they cannot catch a stale page on another process).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import redis

BASE_DIR = Path(__file__).resolve().parents[2]
VARNISH_VCL = BASE_DIR / "deploy" / "varnish" / "default.vcl"

# Ports of this suite (8140-8149): servers, Varnish, and one where nothing ever listens.
DEV_PORTS = (8141, 8142)
PRODUCTION_PORTS = (8143, 8144)
VARNISH_PORT = 8145
CLOSED_PORT = 8149
HOST = "localhost"

SETUP = """
from wagtail.models import Locale, Page, Site
from pages.models import HomePage, SiteSettings, StandardPage
en = Locale.objects.get_or_create(language_code="en")[0]
it = Locale.objects.get_or_create(language_code="it")[0]
root = Page.get_first_root_node()
for child in root.get_children():
    child.delete()
home = HomePage(title="Kindness Movement", slug="home", locale=en)
root.add_child(instance=home)
home.save_revision().publish()
Site.objects.all().delete()
site = Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
SiteSettings.objects.create(site=site)
home_it = home.copy_for_translation(it)
home_it.title = "Movimento per la Gentilezza"
home_it.save_revision().publish()
about = StandardPage(title="About v0", slug="about")
home.add_child(instance=about)
about.save_revision().publish()
about_it = about.copy_for_translation(it)
about_it.title = "Chi siamo v0"
about_it.save_revision().publish()
"""

PUBLISH = """
from wagtail.models import Page
page = Page.objects.get(url_path="/home/about/").specific
page.title = {title!r}
page.save_revision().publish()
"""

# A revision approved to go live in a few seconds (a slow machine needs the margin): publish()
# only schedules it, and ``publish_scheduled`` (the cron/timer job) publishes it once that moment
# has passed.
SCHEDULE = """
from datetime import timedelta
from django.utils import timezone
from wagtail.models import Page
page = Page.objects.get(url_path="/home/about/").specific
page.title = {title!r}
page.go_live_at = timezone.now() + timedelta(seconds=5)
page.save_revision().publish()
assert Page.objects.get(pk=page.pk).title != {title!r}, "published at once, not scheduled"
print(page.go_live_at.timestamp())
"""


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: str


def get(port: int, path: str, headers: dict[str, str] | None = None) -> Response:
    """One GET on loopback, redirects not followed (the suite looks at each answer)."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None

    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", headers={"Host": HOST, **(headers or {})}
    )
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=30) as response:
            return Response(response.status, dict(response.headers), response.read().decode())
    except urllib.error.HTTPError as error:
        return Response(error.code, dict(error.headers), error.read().decode())


def wait_for_port(port: int, process: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server on port {port} exited with {process.returncode}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise TimeoutError(f"nothing listens on port {port} after {seconds}s")


def port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


@dataclass
class LiveSite:
    """A database with a small bilingual site, and the environment every process shares."""

    env: dict[str, str]
    var_dir: Path
    processes: list[subprocess.Popen] = field(default_factory=list)

    def manage(self, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        """``manage.py`` in a process of its own; fails the test on a non-zero exit."""
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=BASE_DIR,
            env={**self.env, **(env or {})},
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert result.returncode == 0, f"manage.py {args[0]} failed:\n{result.stderr[-3000:]}"
        return result

    def shell(self, code: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        return self.manage("shell", "--no-imports", "-c", code, env=env)

    def publish_title(self, title: str, env: dict[str, str] | None = None) -> str:
        self.shell(PUBLISH.format(title=title), env=env)
        return title

    def publish_title_on_schedule(self, title: str, env: dict[str, str] | None = None) -> str:
        go_live_at = float(self.shell(SCHEDULE.format(title=title), env=env).stdout.split()[-1])
        time.sleep(max(0.0, go_live_at - time.time()) + 0.2)
        self.manage("publish_scheduled", env=env)
        return title

    def start(self, command: list[str], port: int, env: dict[str, str] | None = None) -> None:
        assert port_is_free(port), f"port {port} is taken"
        log = open(self.var_dir / f"server-{port}.log", "w")  # noqa: SIM115 (closed with the process)
        process = subprocess.Popen(
            command,
            cwd=BASE_DIR,
            env={**self.env, **(env or {})},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes.append(process)
        wait_for_port(port, process)

    def runserver(self, port: int) -> None:
        self.start(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"], port
        )

    def gunicorn(self, port: int) -> None:
        config = "python:kindness_site.gunicorn_conf"
        self.start(
            [sys.executable, "-m", "gunicorn", "--config", config, "kindness_site.wsgi"],
            port,
            env={"GUNICORN_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": "2"},
        )

    def varnish(self, port: int, backend_ports: tuple[int, ...]) -> None:
        """Varnish with the VCL from ``deploy/varnish``, in front of ``backend_ports``."""
        directory = self.var_dir / "varnish"
        directory.mkdir(exist_ok=True)
        shutil.copy(VARNISH_VCL, directory / "default.vcl")
        backends = "".join(
            f'backend node{port_} {{ .host = "127.0.0.1"; .port = "{port_}"; }}\n'
            for port_ in backend_ports
        )
        adds = "".join(f"    web.add_backend(node{port_});\n" for port_ in backend_ports)
        (directory / "backends.vcl").write_text(
            f"{backends}\nsub vcl_init {{\n    new web = directors.round_robin();\n{adds}}}\n\n"
            'acl purgers {\n    "127.0.0.1";\n}\n'
        )
        self.start(
            [
                "varnishd",
                "-F",
                "-j",
                "none",  # run as the test's user: reads the VCL from the test's own directory
                "-p",
                f"vcl_path={directory}",  # where `include "backends.vcl"` looks
                "-a",
                f"127.0.0.1:{port}",
                "-f",
                str(directory / "default.vcl"),
                "-n",
                str(directory / "instance"),
                "-s",
                "malloc,64m",
                "-T",
                "none",
            ],
            port,
        )

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        self.processes.clear()


def base_env(var_dir: Path, settings_module: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "PYTEST", "FRONTEND_CACHE"))
    }
    return {
        **env,
        "DJANGO_SETTINGS_MODULE": settings_module,
        "VAR_DIR": str(var_dir),
        "PYTHONPATH": str(BASE_DIR),
        "TASKS_BACKEND": "immediate",
        "LOG_LEVEL": "WARNING",
    }


def reset_database(database_url: str) -> None:
    """Drop and create the suite's own PostgreSQL database (a fresh site every run)."""
    url = urlsplit(database_url)
    name = url.path.lstrip("/")
    admin = urlunsplit(url._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


@contextmanager
def dev_site(var_dir: Path) -> Iterator[LiveSite]:
    """The embedded default: SQLite and local-memory caches under one VAR_DIR."""
    site = LiveSite(base_env(var_dir, "kindness_site.settings.dev"), var_dir)
    site.manage("migrate", "--no-input", "-v", "0")
    site.shell(SETUP)
    try:
        yield site
    finally:
        site.stop()


@contextmanager
def production_site(var_dir: Path, database_url: str, redis_url: str) -> Iterator[LiveSite]:
    """Production settings on PostgreSQL and Redis (their own database and Redis db)."""
    env = {
        **base_env(var_dir, "kindness_site.settings.production"),
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "SECRET_KEY": "live-site-test-secret-key-not-used-anywhere-else-0123456789",
        "ALLOWED_HOSTS": f"{HOST},127.0.0.1",
        "BASE_URL": f"https://{HOST}",
        "EMAIL_PROVIDER": "console",
        "LOG_FORMAT": "plain",
    }
    site = LiveSite(env, var_dir)
    reset_database(database_url)
    redis.Redis.from_url(redis_url).flushdb()
    site.manage("migrate", "--no-input", "-v", "0")
    site.manage("collectstatic", "--no-input", "-v", "0")
    site.shell(SETUP)
    try:
        yield site
    finally:
        site.stop()
