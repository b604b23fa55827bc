"""Load test: 1,000 simultaneous newsletter sign-ups (and 50 of one address) against gunicorn.

Usage: python scripts/loadtest.py [--signups 1000] [--same 50] [--workers 4] [--keep]
       (``make loadtest``)

What it does, all bounded in time (``--timeout``, default 600 s overall):
1. creates a fresh PostgreSQL database on 127.0.0.1 (``LOADTEST_PG``, default user postgres),
   migrates it with the production settings, loads the demo site and collects static files;
2. starts gunicorn with the production settings over loopback (``SECURE_SSL_REDIRECT=false``,
   rate limits and the form time trap switched off through the environment: see ENV below);
3. reads the sign-up form once (its hidden fields), then releases every sign-up at the same
   instant from its own thread and connection;
4. checks: no 5xx answer, every address stored exactly once (none lost, none duplicated, the
   repeated address once), and prints p50/p95/p99/max latency. Exit status 1 on any failure.

The sign-up URL is the one constant SIGNUP_PATH; everything else is read from the form.
"""

from __future__ import annotations

import argparse
import http.client
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

BASE_DIR = Path(__file__).resolve().parent.parent
SIGNUP_PATH = "/en/newsletter/subscribe/"
SUCCESS = {200, 302, 303}
PG = os.environ.get("LOADTEST_PG", "postgres://postgres@127.0.0.1:5432")

# Every rate limit would (rightly) refuse 1,050 sign-ups from one address in a minute: one switch
# turns them all off; the time trap would refuse forms sent at once.
ENV = {
    "SECURE_SSL_REDIRECT": "false",
    "RATELIMIT_ENABLED": "false",
    "NEWSLETTER_FORM_MIN_SECONDS": "0",
    "EMAIL_PROVIDER": "file",
    "TASKS_BACKEND": "immediate",
    "DATABASE_CONN_MAX_AGE": "60",
    "LOG_LEVEL": "WARNING",
    "ACCESS_LOG_LEVEL": "WARNING",
}


class FormFields(HTMLParser):
    """The name/value pairs a browser would send from the form posting to SIGNUP_PATH."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}
        self._in_form = False
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._in_form = a.get("action", SIGNUP_PATH) in ("", SIGNUP_PATH)
        elif not self._in_form:
            return
        elif tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind == "hidden" or (kind == "checkbox" and "required" in a):
                self.fields[a["name"]] = a.get("value", "on")
            elif kind in ("text", "email"):
                self.fields.setdefault(a["name"], "")  # honeypots stay empty
        elif tag == "select" and a.get("name"):
            self._select = a["name"]
        elif tag == "option" and self._select and self._select not in self.fields:
            self.fields[self._select] = a.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._in_form = False
        elif tag == "select":
            self._select = None


def run(cmd: list[str], env: dict[str, str], timeout: float) -> None:
    result = subprocess.run(
        cmd, env=env, cwd=BASE_DIR, capture_output=True, text=True, timeout=timeout
    )
    if result.returncode != 0:
        raise SystemExit(
            f"{' '.join(cmd)} failed:\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}"
        )


def psql(sql: str, database: str = "postgres") -> str:
    return subprocess.run(
        ["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", f"{PG}/{database}", "-c", sql],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(
    port: int, method: str, path: str, body: str | None = None, timeout: float = 120
) -> tuple[int, float, bytes]:
    """One request on its own connection: (status, seconds, body)."""
    headers = {"Content-Type": "application/x-www-form-urlencoded"} if body else {}
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        return response.status, time.perf_counter() - started, data
    except OSError as exc:
        return 0, time.perf_counter() - started, str(exc).encode()
    finally:
        connection.close()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


def fire(port: int, bodies: list[str], deadline: float) -> list[tuple[int, float, bytes]]:
    """Send every body at the same instant, each from its own thread and connection."""
    results: list[tuple[int, float, bytes] | None] = [None] * len(bodies)
    barrier = threading.Barrier(len(bodies))

    def worker(i: int) -> None:
        barrier.wait()
        results[i] = request(
            port, "POST", SIGNUP_PATH, bodies[i], timeout=max(1, deadline - time.time())
        )

    threading.stack_size(256 * 1024)
    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(len(bodies))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(max(0.1, deadline - time.time()))
    return [r if r is not None else (0, float("inf"), b"no answer in time") for r in results]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--signups", type=int, default=1000)
    parser.add_argument("--same", type=int, default=50, help="extra sign-ups of one address")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--timeout", type=float, default=600, help="overall limit in seconds")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args(argv)
    started = time.time()
    stop_at = started + args.timeout

    database = f"kindness_loadtest_{os.getpid()}"
    var_dir = Path(tempfile.mkdtemp(prefix="kindness-loadtest-"))
    port = free_port()
    env = {
        **os.environ,
        **ENV,
        "DJANGO_SETTINGS_MODULE": "kindness_site.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "BASE_URL": f"http://127.0.0.1:{port}",
        "DATABASE_URL": f"{PG}/{database}",
        "VAR_DIR": str(var_dir),
    }
    python = sys.executable
    server: subprocess.Popen[bytes] | None = None
    failures: list[str] = []
    psql(f"CREATE DATABASE {database}")
    try:
        print(
            f"[1/4] Fresh database {database}: migrate, demo content, static files ...", flush=True
        )
        run([python, "manage.py", "migrate", "--no-input"], env, stop_at - time.time())
        run([python, "manage.py", "load_demo_content"], env, stop_at - time.time())
        run(
            [python, "manage.py", "collectstatic", "--no-input", "-v", "0"],
            env,
            stop_at - time.time(),
        )

        print(
            f"[2/4] gunicorn on 127.0.0.1:{port} ({args.workers} workers x {args.threads} threads)"
        )
        server = subprocess.Popen(
            [
                python,
                "-m",
                "gunicorn",
                "kindness_site.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(args.workers),
                "--threads",
                str(args.threads),
                "--worker-class",
                "gthread",
                "--backlog",
                "4096",
                "--timeout",
                "120",
            ],
            env=env,
            cwd=BASE_DIR,
            stdout=subprocess.DEVNULL,
            stderr=open(var_dir / "gunicorn.log", "w"),  # noqa: SIM115
            start_new_session=True,
        )
        while request(port, "GET", "/healthz", timeout=2)[0] != 200:
            if time.time() > stop_at - 60 or server.poll() is not None:
                raise SystemExit(f"gunicorn did not start; see {var_dir / 'gunicorn.log'}")
            time.sleep(0.25)

        status, _, page = request(port, "GET", SIGNUP_PATH)
        if status != 200:
            raise SystemExit(f"GET {SIGNUP_PATH} answered {status}")
        form = FormFields()
        form.feed(page.decode())
        if "email" not in form.fields:
            raise SystemExit(f"No email field in the form at {SIGNUP_PATH}: {form.fields}")
        run_id = secrets.token_hex(3)
        unique = [f"load-{run_id}-{n}@example.org" for n in range(args.signups)]
        same = f"same-{run_id}@example.org"
        addresses = unique + [same] * args.same
        bodies = [urlencode({**form.fields, "email": a}) for a in addresses]

        print(
            f"[3/4] {len(bodies)} sign-ups at once: {args.signups} addresses + {args.same} x {same}"
        )
        fired = time.time()
        results = fire(port, bodies, stop_at - 30)
        elapsed = time.time() - fired

        print("[4/4] Checking the answers and the database")
        codes: dict[int, int] = {}
        for code, _, _ in results:
            codes[code] = codes.get(code, 0) + 1
        errors = sum(n for code, n in codes.items() if code >= 500 or code == 0)
        refused = sum(n for code, n in codes.items() if code not in SUCCESS and code < 500 and code)
        if errors:
            failures.append(f"{errors} server errors or unanswered requests")
        if refused:
            sample = next(body for code, _, body in results if code not in SUCCESS and code)
            failures.append(f"{refused} sign-ups refused, e.g. {sample[:300]!r}")
        rows = psql(
            "SELECT lower(email), count(*) FROM newsletter_subscriber "
            f"WHERE lower(email) LIKE '%-{run_id}%' GROUP BY 1",
            database,
        )
        stored = {line.split("|")[0]: int(line.split("|")[1]) for line in rows.splitlines() if line}
        lost = [a for a in set(addresses) if a not in stored]
        duplicated = {a: n for a, n in stored.items() if n > 1}
        if lost:
            failures.append(f"{len(lost)} addresses lost, e.g. {lost[:3]}")
        if duplicated:
            failures.append(
                f"{len(duplicated)} addresses stored more than once: {list(duplicated)[:3]}"
            )
        latencies = [t for code, t, _ in results if code]
        print(f"answers: {dict(sorted(codes.items()))} in {elapsed:.1f} s")
        print(f"subscribers stored: {len(stored)} of {len(set(addresses))} distinct addresses")
        if latencies:
            print(
                "latency: p50 {:.0f} ms, p95 {:.0f} ms, p99 {:.0f} ms, max {:.0f} ms".format(
                    *(1000 * percentile(latencies, q) for q in (50, 95, 99, 100))
                )
            )
    finally:
        if server is not None and server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
        if not args.keep:
            psql(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
            shutil.rmtree(var_dir, ignore_errors=True)
    total = time.time() - started
    if failures:
        print("LOAD TEST FAILED: " + "; ".join(failures) + f" ({total:.0f} s)")
        return 1
    print(f"Load test passed: zero 5xx, zero lost, zero duplicate subscribers ({total:.0f} s).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
