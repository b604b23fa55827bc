"""Newsletter benchmark (not a test): 100,000 subscribers through the real sending pipeline.

    .venv/bin/python bench/newsletter_bench.py [--subscribers 100000] [--workers 2]

What runs is what production runs: a fresh PostgreSQL database, django-tasks-db with separate
``manage.py db_worker`` processes, Anymail's real Postmark backend, and Redis as the shared cache
(for the site-wide rate limit). Only the provider is a stand-in: an HTTP server on 127.0.0.1 that
answers like Postmark's /email API and counts what every recipient received.

Phase 1 (throughput): one issue to every subscriber (en + it); messages per second end to end
(from the moment the send starts, audience freeze included, until it is done) and the workers'
peak memory. Phase 2 (crash safety): a second issue to the first ``--kill-audience`` subscribers;
a worker is killed with SIGKILL three times during the send (and restarted). Afterwards every
recipient must have exactly one copy, or be reported ``unknown`` (with at most one copy);
nothing may stay queued or in flight.

Everything is bounded by ``--max-seconds`` per phase. The database is dropped at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
DB_NAME = "kindness_newsletter_bench"


# --- the stand-in provider -------------------------------------------------------------------
class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; with Nagle on, the client's delayed ACK adds ~40 ms
    # to every keep-alive request, which would measure the stand-in instead of the pipeline.
    disable_nagle_algorithm = True

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        server: StandInProvider = self.server  # type: ignore[assignment]
        try:
            recipient = json.loads(body)["To"]
        except (ValueError, KeyError):
            recipient = "?"
        with server.lock:
            server.counts[recipient] += 1
            server.total += 1
            n = server.total
        data = json.dumps(
            {
                "To": recipient,
                "SubmittedAt": "2026-11-29T00:00:00Z",
                "MessageID": f"bench-{n}",
                "ErrorCode": 0,
                "Message": "OK",
            }
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args) -> None:
        return


class StandInProvider(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.lock = threading.Lock()
        self.counts: Counter[str] = Counter()
        self.total = 0
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"

    def reset(self) -> None:
        with self.lock:
            self.counts.clear()
            self.total = 0


# --- helpers ----------------------------------------------------------------------------------
def rss_kib(pid: int) -> int:
    """Resident memory of a process in KiB (0 when it has gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


class Workers:
    """``manage.py db_worker`` processes that can be killed and replaced."""

    def __init__(self, env: dict[str, str], count: int) -> None:
        self.env = env
        self.procs: list[subprocess.Popen] = [self._start(i) for i in range(count)]
        self.peak_kib = 0

    def _start(self, index: int) -> subprocess.Popen:
        return subprocess.Popen(
            [
                str(PYTHON),
                "manage.py",
                "db_worker",
                "--interval",
                "0.2",
                "--no-startup-delay",
                "--worker-id",
                f"bench-{index}-{time.monotonic_ns()}",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def sample(self) -> None:
        self.peak_kib = max([self.peak_kib, *(rss_kib(p.pid) for p in self.procs)])

    def kill_and_replace(self, index: int) -> None:
        victim = self.procs[index]
        os.kill(victim.pid, signal.SIGKILL)
        victim.wait()
        self.procs[index] = self._start(index)

    def stop(self) -> None:
        for proc in self.procs:
            proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


def recreate_database(server: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(DB_NAME))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DB_NAME)))


def drop_database(server: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(DB_NAME))
        )


# --- the benchmark ----------------------------------------------------------------------------
def build_content(subscribers: int, kill_audience: int):
    """Two locales, a home page per language, an archive and two issues; the subscribers.

    The first ``kill_audience`` subscribers share a topic, so the crash-safety send (which
    targets that topic) stays short enough for a bounded run.
    """
    from wagtail.models import Locale, Page, Site

    from newsletter.models import NewsletterIndexPage, NewsletterIssuePage, Subscriber
    from pages.models import HomePage

    en = Locale.objects.get_or_create(language_code="en")[0]
    it = Locale.objects.get_or_create(language_code="it")[0]
    root = Page.get_first_root_node()
    for child in root.get_children():
        child.delete()
    home = HomePage(title="Kindness", slug="home", locale=en)
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.all().delete()
    Site.objects.create(hostname="127.0.0.1", port=8000, root_page=home, is_default_site=True)
    home_it = home.copy_for_translation(it)
    home_it.save_revision().publish()
    archive = NewsletterIndexPage(title="Newsletter", slug="newsletter")
    home.add_child(instance=archive)
    archive.save_revision().publish()
    archive_it = archive.copy_for_translation(it)
    archive_it.save_revision().publish()
    body = [
        {"type": "heading", "value": "Stories from this month"},
        {
            "type": "text",
            "value": "<p>"
            + "True stories, international initiatives, and practical tools. " * 20
            + "</p>",
        },
        {
            "type": "quote",
            "value": {"quote": "Kindness is a universal language.", "attribution": "IKM"},
        },
        {"type": "button", "value": {"label": "Read more", "url": "https://example.org/"}},
    ]
    issues = []
    for n in (1, 2):
        issue = NewsletterIssuePage(title=f"Bench issue {n}", slug=f"bench-{n}", body=body)
        archive.add_child(instance=issue)
        issue.save_revision().publish()
        translated = issue.copy_for_translation(it)
        translated.title = f"Numero di prova {n}"
        translated.save_revision().publish()
        issues.append(issue)
    batch = []
    for i in range(subscribers):
        batch.append(
            Subscriber(
                email=f"reader{i}@bench.example.org",
                language="it" if i % 2 else "en",
                status="confirmed",
            )
        )
        if len(batch) == 5000:
            Subscriber.objects.bulk_create(batch)
            batch = []
    if batch:
        Subscriber.objects.bulk_create(batch)
    from pages.models import Area

    area = Area.objects.create(name="Bench", slug="bench", locale=en, colour="rose", icon="heart")
    through = Subscriber.topics.through
    ids = Subscriber.objects.order_by("pk").values_list("pk", flat=True)[:kill_audience]
    through.objects.bulk_create(
        [through(subscriber_id=pk, area_id=area.pk) for pk in ids], batch_size=5000
    )
    return issues, area


def run_send(issue, languages, workers: Workers, max_seconds: float, kills: list[float], area=None):
    """Start a send and wait for it; SIGKILL a worker when progress passes each of ``kills``."""
    from newsletter import sending
    from newsletter.models import Delivery, Send, SendStatus

    send = Send.objects.create(issue=issue, languages=languages)
    if area is not None:
        send.topics.add(area)
    started = time.monotonic()
    sending.start_send(send.pk)  # freezes the audience; on_commit (autocommit) launches chains
    frozen = time.monotonic()
    total = Delivery.objects.filter(send=send).count()
    log(f"send {send.pk}: {total} deliveries frozen in {frozen - started:.1f}s")
    pending_kills = sorted(kills)
    killed = 0
    last_report = 0.0
    while time.monotonic() - started < max_seconds:
        time.sleep(1)
        workers.sample()
        status = Send.objects.filter(pk=send.pk).values_list("status", flat=True).first()
        done = (
            Delivery.objects.filter(send=send)
            .exclude(status__in=["queued", "claimed", "sending"])
            .count()
        )
        if pending_kills and done / max(total, 1) >= pending_kills[0]:
            pending_kills.pop(0)
            workers.kill_and_replace(killed % len(workers.procs))
            killed += 1
            log(f"  SIGKILL #{killed} at {done}/{total}")
        if time.monotonic() - last_report > 10:
            last_report = time.monotonic()
            rate = done / (time.monotonic() - started)
            log(f"  {done}/{total} handled, {rate:.0f}/s, status {status}")
        if status == SendStatus.DONE:
            break
    elapsed = time.monotonic() - started
    if Send.objects.filter(pk=send.pk).values_list("status", flat=True).first() != SendStatus.DONE:
        # Out of time: stop it so the next phase has the workers; in-flight batches finish.
        log(f"  time limit reached; cancelling send {send.pk}")
        sending.cancel(send)
        time.sleep(5)
    return send, total, elapsed, killed


def verify(send, provider: StandInProvider) -> dict:
    """Exactly one copy per recipient, or reported unknown; nothing lost, nothing doubled."""
    from newsletter.models import Delivery

    rows = list(Delivery.objects.filter(send=send).values_list("email", "status"))
    by_status = Counter(status for _email, status in rows)
    doubled = [email for email, count in provider.counts.items() if count > 1]
    sent_missing = [
        email for email, status in rows if status == "sent" and provider.counts[email] != 1
    ]
    unknown_received = sum(
        1 for email, status in rows if status == "unknown" and provider.counts[email] == 1
    )
    lost = [email for email, status in rows if status in ("queued", "claimed", "sending")]
    return {
        "deliveries": len(rows),
        "statuses": dict(by_status),
        "copies_received": sum(provider.counts.values()),
        "doubled": len(doubled),
        "sent_without_exactly_one_copy": len(sent_missing),
        "unknown": by_status.get("unknown", 0),
        "unknown_that_did_arrive": unknown_received,
        "lost_queued_or_in_flight": len(lost),
        "completed": not by_status.get("cancelled"),
        "ok": not doubled and not sent_missing and not lost,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--max-seconds", type=float, default=900.0, help="per phase")
    parser.add_argument(
        "--pg-server",
        default=os.environ.get("NLBENCH_PG_SERVER", "postgres://postgres@127.0.0.1:5432"),
    )
    parser.add_argument(
        "--redis-url", default=os.environ.get("NLBENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
    )
    parser.add_argument("--rate", type=int, default=2000, help="site-wide messages per second")
    parser.add_argument("--skip-kill", action="store_true")
    parser.add_argument(
        "--kill-audience", type=int, default=20_000, help="recipients of the crash-safety send"
    )
    args = parser.parse_args()

    provider = StandInProvider()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kindness_site.settings.dev",
        "DEBUG": "false",
        "SECRET_KEY": "newsletter-bench-secret-key-not-for-production-0123456789",
        "DATABASE_URL": f"{args.pg_server}/{DB_NAME}",
        "DATABASE_CONN_MAX_AGE": "60",
        "REDIS_URL": args.redis_url,
        "CACHE_KEY_PREFIX": "nlbench",
        "TASKS_BACKEND": "database",
        "EMAIL_PROVIDER": "postmark",
        "ANYMAIL_POSTMARK_SERVER_TOKEN": "bench-token",
        "ANYMAIL_POSTMARK_API_URL": provider.url,
        "NEWSLETTER_RATE_PER_SECOND": str(args.rate),
        "NEWSLETTER_PARALLEL_CHAINS": str(args.workers),
        "NEWSLETTER_SLICE_SECONDS": "10",
        "NEWSLETTER_LEASE_SECONDS": "15",
        "NEWSLETTER_BATCH_SIZE": "100",
        "BASE_URL": "http://127.0.0.1:8000",
        "LOG_LEVEL": "WARNING",
        "VAR_DIR": "/tmp/kindness-newsletter-bench",
    }
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    log(f"fresh database {DB_NAME}; migrating")
    recreate_database(args.pg_server)
    subprocess.run(
        [str(PYTHON), "manage.py", "migrate", "--no-input", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )

    import django

    django.setup()
    from django.core.cache import cache

    cache.clear()
    log(f"creating {args.subscribers} subscribers and two issues")
    issues, area = build_content(args.subscribers, args.kill_audience)

    report: dict = {"subscribers": args.subscribers, "workers": args.workers}
    workers = Workers(env, args.workers)
    try:
        log("phase 1: throughput")
        send, _total, elapsed, _ = run_send(issues[0], ["en", "it"], workers, args.max_seconds, [])
        result = verify(send, provider)
        report["throughput"] = {
            "messages": result["statuses"].get("sent", 0),
            "seconds": round(elapsed, 1),
            "messages_per_second": round(result["statuses"].get("sent", 0) / elapsed, 1),
            "worker_peak_rss_mib": round(workers.peak_kib / 1024, 1),
            "check": result,
        }
        log(json.dumps(report["throughput"]))
        if not args.skip_kill:
            log("phase 2: SIGKILL a worker three times during a send")
            provider.reset()
            send, _total, elapsed, killed = run_send(
                issues[1], ["en", "it"], workers, args.max_seconds, [0.2, 0.45, 0.7], area
            )
            result = verify(send, provider)
            report["crash_safety"] = {
                "kills": killed,
                "seconds": round(elapsed, 1),
                "check": result,
            }
            log(json.dumps(report["crash_safety"]))
    finally:
        workers.stop()
        from django.db import connections

        connections.close_all()
        drop_database(args.pg_server)
    print(json.dumps(report, indent=2))
    ok = (
        report["throughput"]["check"]["ok"]
        and report.get("crash_safety", {"check": {"ok": True}})["check"]["ok"]
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
