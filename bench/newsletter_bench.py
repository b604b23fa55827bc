"""Newsletter benchmark (not a test): 100,000 subscribers through the real sending pipeline.

    .venv/bin/python bench/newsletter_bench.py [--subscribers 100000] [--workers 2] [--skip-kill]

What runs is what production runs: a fresh PostgreSQL database, django-tasks-db with separate
``manage.py db_worker`` processes, Anymail's real Postmark backend, and Redis as the shared cache
(for the site-wide rate limit; without Redis the run says so and each worker limits itself). Only
the provider is a stand-in (tests/newsletter/standin.py): an HTTP server on 127.0.0.1 in this
process that answers like Postmark's /email API and counts the copies every recipient was
accepted for, so "exactly one copy" is checked from the provider's side, not from our ledger.

Phase 1 (throughput): one issue to every subscriber (en + it); messages per second end to end
(from the moment the send starts, audience freeze included, until it is done) and the workers'
peak memory (VmHWM). Phase 2 (crash safety): a second issue to the first ``--kill-audience``
subscribers; a worker is killed with SIGKILL three times during the send (and replaced).
Afterwards every recipient must have exactly one copy, or be reported ``unknown`` (with at most
one copy); nothing may be lost (still queued or in flight, failed, or "sent" without a copy).

Time: ``make bench`` sets ``BENCH_TIME_LIMIT`` (seconds) from ``BENCH_TIME_LIMIT_SECONDS`` below
(bench/helpers.py reads it without importing this file). The run keeps a margin for cleaning up:
a send still going when its share of the time is up is cancelled and reported as incomplete with
what it measured so far, the crash phase is skipped when too little time is left, and the
database is dropped in every case (SIGTERM included).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsletter.models import NewsletterIssuePage, Send
    from pages.models import Area
    from tests.newsletter.standin import StandIn
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
DB_NAME = "kindness_newsletter_bench"

# What `make bench` gives this script (bench/helpers.py reads the literal with ast): 100,000
# messages at ~300/s on two busy cores, plus migrations, the audience freeze and the crash phase.
BENCH_TIME_LIMIT_SECONDS = 900
CLEANUP_SECONDS = 30  # stop the workers, drop the database, print the summary
KILL_PHASE_SECONDS = 150  # kept for phase 2 out of the time limit
KILL_POINTS = (0.2, 0.45, 0.7)  # fractions of the crash-safety send at which a worker dies


# --- helpers ----------------------------------------------------------------------------------
def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S', time.gmtime())} UTC] {message}", flush=True)


def peak_rss_kib(pid: int) -> int:
    """The process's peak resident memory so far (VmHWM) in KiB; 0 when it has gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class Deadline:
    """Seconds left before the script must start cleaning up (unbounded without a limit)."""

    def __init__(self, limit: float | None) -> None:
        self.end = time.monotonic() + limit - CLEANUP_SECONDS if limit else None

    def left(self) -> float:
        return float("inf") if self.end is None else self.end - time.monotonic()


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
        self.peak_kib = max([self.peak_kib, *(peak_rss_kib(p.pid) for p in self.procs)])

    def kill_and_replace(self, index: int, send_id: int, provider: StandIn) -> int:
        """SIGKILL worker ``index`` in the middle of its provider calls, and start a new one.

        The stand-in holds its answers (the requests arrive, the answers wait) until the worker
        has rows ``sending`` (its lease owner names its pid), so the kill lands between "the
        provider has the message" and "the ledger says sent": the hardest moment. Returns how
        many of its rows were in flight.
        """
        from newsletter.models import Delivery

        victim = self.procs[index]
        in_flight = Delivery.objects.filter(
            send_id=send_id, status="sending", lease_owner__contains=f":{victim.pid}:"
        )
        provider.gate.clear()
        try:
            seen, give_up = 0, time.monotonic() + 10
            while not seen and time.monotonic() < give_up:
                time.sleep(0.05)
                seen = in_flight.count()
            self.sample()
            os.kill(victim.pid, signal.SIGKILL)
            victim.wait()
        finally:
            provider.gate.set()
        self.procs[index] = self._start(index)
        return seen

    def stop(self) -> None:
        for proc in self.procs:
            proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


def _drop(server: str, create: bool) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(DB_NAME))
        )
        if create:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DB_NAME)))


def redis_reachable(url: str) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 6379), 1):
            return True
    except OSError:
        return False


# --- the benchmark ----------------------------------------------------------------------------
def build_content(subscribers: int, kill_audience: int) -> tuple[list[NewsletterIssuePage], Area]:
    """Two locales, a home page per language, an archive and two issues; the subscribers.

    The first ``kill_audience`` subscribers share a topic, so the crash-safety send (which
    targets that topic) stays short enough for a bounded run.
    """
    from wagtail.models import Locale, Page, Site

    from newsletter.models import NewsletterIndexPage, NewsletterIssuePage, Subscriber
    from pages.models import Area, HomePage

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
    Subscriber.objects.bulk_create(
        (
            Subscriber(
                email=f"reader{i}@bench.example.org",
                language="it" if i % 2 else "en",
                status="confirmed",
            )
            for i in range(subscribers)
        ),
        batch_size=5000,
    )
    area = Area.objects.create(name="Bench", slug="bench", locale=en, colour="rose", icon="heart")
    through = Subscriber.topics.through
    ids = Subscriber.objects.order_by("pk").values_list("pk", flat=True)[:kill_audience]
    through.objects.bulk_create(
        [through(subscriber_id=pk, area_id=area.pk) for pk in ids], batch_size=5000
    )
    return issues, area


def run_send(
    issue: NewsletterIssuePage,
    workers: Workers,
    provider: StandIn,
    seconds: float,
    kills: Sequence[float] = (),
    area: Area | None = None,
) -> dict:
    """Start a send and wait for it (at most ``seconds``); SIGKILL a worker as progress passes
    each fraction in ``kills``. Out of time, the send is cancelled and reported incomplete."""
    from newsletter import sending
    from newsletter.models import Delivery, Send, SendStatus

    send = Send.objects.create(issue=issue, languages=["en", "it"])
    if area is not None:
        send.topics.add(area)
    started = time.monotonic()
    sending.start_send(send.pk)  # freezes the audience; on_commit (autocommit) launches chains
    freeze = time.monotonic() - started
    total = Delivery.objects.filter(send=send).count()
    log(f"send {send.pk}: {total} deliveries frozen in {freeze:.1f}s")
    pending_kills, killed, hit, last_report = sorted(kills), 0, 0, started
    in_flight = ["queued", "claimed", "sending"]
    status: str | None = SendStatus.RUNNING
    while time.monotonic() - started < seconds and status != SendStatus.DONE:
        time.sleep(0.5)
        workers.sample()
        status = Send.objects.filter(pk=send.pk).values_list("status", flat=True).first()
        done = Delivery.objects.filter(send=send).exclude(status__in=in_flight).count()
        if pending_kills and done / max(total, 1) >= pending_kills[0]:
            pending_kills.pop(0)
            seen = workers.kill_and_replace(killed % len(workers.procs), send.pk, provider)
            killed += 1
            hit += seen
            log(f"  SIGKILL #{killed} at {done}/{total}, {seen} of its deliveries in flight")
        if time.monotonic() - last_report > 15:
            last_report = time.monotonic()
            rate = done / (last_report - started)
            log(f"  {done}/{total} handled, {rate:.0f}/s so far, status {status}")
    elapsed = time.monotonic() - started
    workers.sample()
    completed = status == SendStatus.DONE
    if not completed:
        # Out of time: stop it; workers finish the batch they hold and see the status.
        log(f"  time limit reached after {elapsed:.0f}s; cancelling send {send.pk}")
        sending.cancel(send)
        busy = Delivery.objects.filter(send=send, status__in=["claimed", "sending"])
        give_up = time.monotonic() + 10
        while busy.exists() and time.monotonic() < give_up:
            time.sleep(0.2)
    return {
        "send": send,
        "deliveries": total,
        "freeze_seconds": round(freeze, 1),
        "seconds": round(elapsed, 1),
        "completed": completed,
        "kills": killed,
        "in_flight_at_kills": hit,
    }


def verify(send: Send, provider: StandIn) -> dict:
    """Exactly one copy per recipient, or reported unknown; nothing lost, nothing doubled."""
    from newsletter.models import Delivery

    rows = list(Delivery.objects.filter(send=send).values_list("email", "status"))
    by_status = Counter(status for _email, status in rows)
    counts = provider.counts
    doubled = sum(1 for count in counts.values() if count > 1)
    # Lost: neither delivered once (sent, with exactly one copy) nor honestly reported unknown.
    lost = sum(
        1
        for email, status in rows
        if not (status == "sent" and counts[email] == 1)
        and not (status == "unknown" and counts[email] <= 1)
        and status != "cancelled"
    )
    return {
        "deliveries": len(rows),
        "statuses": dict(by_status),
        "copies_received": sum(counts.values()),
        "doubled": doubled,
        "unknown": by_status.get("unknown", 0),
        "unknown_that_did_arrive": sum(
            1 for email, status in rows if status == "unknown" and counts[email] == 1
        ),
        "lost": lost,
        "ok": doubled == 0 and lost == 0,
    }


def summary(report: dict) -> str:
    """The lines a reader looks for first."""
    lines = [
        f"Newsletter benchmark: {report['subscribers']:,} subscribers, {report['workers']} "
        f"db_worker processes, {report['settings']}"
    ]
    phase = report.get("throughput")
    if phase:
        done = "" if phase["completed"] else " (INCOMPLETE: time limit, send cancelled)"
        lines += [
            f"  messages sent       {phase['messages']:,}{done}",
            f"  seconds             {phase['seconds']} (audience freeze {phase['freeze_seconds']})",
            f"  messages/s          {phase['messages_per_second']} end to end "
            f"(goal >= 300: {'pass' if phase['messages_per_second'] >= 300 else 'FAIL'})",
            f"  peak worker RSS     {phase['worker_peak_rss_mib']} MiB",
            f"  doubles             {phase['check']['doubled']}",
        ]
    crash = report.get("crash_safety")
    if crash:
        check = crash["check"]
        lines += [
            f"  crash phase         {crash['deliveries']:,} deliveries, {crash['seconds']} s"
            + ("" if crash["completed"] else " (INCOMPLETE: time limit)"),
            f"  kills               {crash['kills']} (SIGKILL), {crash['in_flight_at_kills']} "
            "deliveries in flight at the kills",
            f"  deliveries          {check['statuses'].get('sent', 0):,} sent with one copy each",
            f"  doubles             {check['doubled']} (must be 0)",
            f"  unknown             {check['unknown']} "
            f"({check['unknown_that_did_arrive']} of them did arrive, once)",
            f"  lost                {check['lost']} (must be 0)",
        ]
    for note in report["notes"]:
        lines.append(f"  note: {note}")
    lines.append(f"  verdict             {'OK' if report['ok'] else 'FAILED'}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--time-limit",
        type=float,
        default=float(os.environ.get("BENCH_TIME_LIMIT", "0") or 0) or None,
        help="seconds for the whole run (default: BENCH_TIME_LIMIT, else none)",
    )
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
    # SIGTERM (the orchestrator's time limit, `kill`) unwinds through the finally blocks below.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    deadline = Deadline(args.time_limit)
    sys.path.insert(0, str(ROOT))
    from tests.newsletter.standin import StandIn

    provider = StandIn(record=False).__enter__()
    notes: list[str] = []
    tuning = {
        "NEWSLETTER_RATE_PER_SECOND": str(args.rate),
        "NEWSLETTER_PARALLEL_CHAINS": str(args.workers),
        "NEWSLETTER_BATCH_SIZE": "200",
        "NEWSLETTER_SUB_BATCH_SIZE": "25",
        "NEWSLETTER_CONCURRENCY": "8",
        "NEWSLETTER_SLICE_SECONDS": "10",
        "NEWSLETTER_LEASE_SECONDS": "15",
    }
    env = {
        **os.environ,
        **tuning,
        "DJANGO_SETTINGS_MODULE": "kindness_site.settings.dev",
        "DEBUG": "false",
        "SECRET_KEY": "newsletter-bench-secret-key-not-for-production-0123456789",
        "DATABASE_URL": f"{args.pg_server}/{DB_NAME}",
        "DATABASE_CONN_MAX_AGE": "60",
        "CACHE_KEY_PREFIX": "nlbench",
        "TASKS_BACKEND": "database",
        "EMAIL_PROVIDER": "postmark",
        "ANYMAIL_POSTMARK_SERVER_TOKEN": "bench-token",
        "ANYMAIL_POSTMARK_API_URL": provider.url,
        "BASE_URL": "http://127.0.0.1:8000",
        "LOG_LEVEL": "WARNING",
        "VAR_DIR": "/tmp/kindness-newsletter-bench",
    }
    if redis_reachable(args.redis_url):
        env["REDIS_URL"] = args.redis_url
    else:
        env.pop("REDIS_URL", None)
        notes.append(f"Redis not reachable at {args.redis_url}: rate limit per worker only")
    os.environ.update(env)
    report: dict = {
        "subscribers": args.subscribers,
        "workers": args.workers,
        "settings": ", ".join(f"{k.removeprefix('NEWSLETTER_')}={v}" for k, v in tuning.items()),
        "time_limit": args.time_limit,
        "notes": notes,
    }
    workers: Workers | None = None
    started = time.monotonic()
    try:
        log(f"fresh database {DB_NAME}; migrating")
        _drop(args.pg_server, create=True)
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
        # Started now, the workers are polling by the time the send is launched.
        workers = Workers(env, args.workers)
        log(f"creating {args.subscribers:,} subscribers and two issues")
        issues, area = build_content(args.subscribers, args.kill_audience)
        report["setup_seconds"] = round(time.monotonic() - started, 1)
        # Phase 2 keeps its share only when phase 1 still gets a minute; else phase 1 has it all.
        reserve = 0 if args.skip_kill else KILL_PHASE_SECONDS
        seconds = deadline.left() - reserve
        seconds = seconds if seconds >= 60 else deadline.left()
        log(f"phase 1: throughput (at most {min(seconds, 86_400):.0f}s)")
        phase = run_send(issues[0], workers, provider, seconds)
        check = verify(phase.pop("send"), provider)
        sent = check["statuses"].get("sent", 0)
        report["throughput"] = {
            **phase,
            "messages": sent,
            "messages_per_second": round(sent / phase["seconds"], 1),
            "worker_peak_rss_mib": round(workers.peak_kib / 1024, 1),
            "check": check,
        }
        log(json.dumps(report["throughput"]))
        if args.skip_kill:
            notes.append("crash phase skipped (--skip-kill)")
        elif deadline.left() < KILL_PHASE_SECONDS / 2:
            notes.append(
                f"crash phase skipped: {max(0, deadline.left()):.0f}s left of the time limit"
            )
        else:
            log("phase 2: SIGKILL a worker three times during a send")
            provider.reset()
            phase = run_send(issues[1], workers, provider, deadline.left(), KILL_POINTS, area)
            check = verify(phase.pop("send"), provider)
            report["crash_safety"] = {**phase, "check": check}
            log(json.dumps(report["crash_safety"]))
    finally:
        if workers is not None:
            workers.stop()
        from django.db import connections

        connections.close_all()
        _drop(args.pg_server, create=False)
        provider.__exit__(None, None, None)
    report["seconds"] = round(time.monotonic() - started, 1)
    phases = [report[key] for key in ("throughput", "crash_safety") if key in report]
    report["ok"] = bool(phases) and all(p["check"]["ok"] and p["completed"] for p in phases)
    print(json.dumps(report, indent=2))
    print(summary(report), flush=True)
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
