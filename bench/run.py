"""``make bench``: build a fresh PostgreSQL site, measure it and write var/bench/report.md.

Steps, each bounded in time: (1) a fresh database with the demo content, built with production
settings; (2) page types, queries, load under gunicorn and Lighthouse (bench/site_bench.py);
(3) the other apps' benchmark scripts, in time reserved for them; (4) the report and chart.
Every server is stopped in ``finally`` blocks, and a report is written even when a step fails,
listing what went wrong.

    .venv/bin/python -m bench.run            # or: make bench
"""

from __future__ import annotations

import argparse
import os
import platform
import signal
import sys
import time
import traceback
from datetime import UTC, datetime

from . import database, helpers, load, site_bench
from .config import BenchConfig
from .report import check_goals, write_report
from .results import BenchRun

# The whole run must finish within BENCH_BUDGET_SECONDS; keep the report-writing margin out of it.
REPORT_MARGIN = 20


def conditions(config: BenchConfig) -> dict[str, str]:
    return {
        "machine": f"{os.cpu_count()} cores, {platform.system()} {platform.release()}",
        "Python": platform.python_version(),
        "server": f"gunicorn (kindness_site/gunicorn_conf.py), {config.workers} workers x "
        f"{config.threads} threads, keep-alive, production settings, PostgreSQL",
        "cache": config.cache_backend,
        "load generator": "wrk" if load.have_wrk() else "Python threads (wrk not installed)",
        "load": f"{config.warmup_requests} warm-up requests, then {config.seconds} s per "
        "measurement",
        "DATABASE_CONN_MAX_AGE": os.environ.get("DATABASE_CONN_MAX_AGE", "0 (default)"),
    }


def log(message: str) -> None:
    print(f"[bench {datetime.now(UTC):%H:%M:%S}] {message}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--reuse-database",
        action="store_true",
        help="skip step 1 and measure the database of the last run (for working on the bench)",
    )
    parser.add_argument(
        "--skip-browser", action="store_true", help="no Lighthouse (a quick look at the load)"
    )
    parser.add_argument(
        "--skip-helpers", action="store_true", help="not the other apps' bench/*_bench.py"
    )
    args = parser.parse_args(argv)
    config = BenchConfig()
    # SIGTERM (a CI timeout, `kill`) unwinds like Ctrl+C, so the finally blocks stop the servers.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = time.monotonic()
    deadline = site_bench.Deadline(config.budget_seconds - REPORT_MARGIN)
    run = BenchRun(
        started=f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        conditions=conditions(config),
    )
    site_bench.record_machine_load(run.machine_load, "start")
    try:
        if args.reuse_database:
            run.problems.append("--reuse-database: the database of an earlier run was measured")
        else:
            log(f"fresh database {config.database}: migrate, demo, static files, messages")
            database.reset_var_dir(config)
            database.recreate_database(config)
            notes: list[str] = []
            run.setup_seconds = database.run_setup(config, notes, deadline.remaining)
            run.conditions["demo content"] = "; ".join(note for note in notes if note)
            site_bench.record_machine_load(run.machine_load, "after setup")
        database.empty_redis(config)
        scripts = [] if args.skip_helpers else helpers.helper_scripts()
        # The other apps' scripts run last, in time kept for them (what each declares, else
        # BENCH_HELPER_TIMEOUT); the site gets the rest, never less than a quarter.
        limits = {script: helpers.time_limit(script, config) for script in scripts}
        reserve = min(sum(limits.values()), deadline.remaining() * 3 / 4)
        site_deadline = site_bench.Deadline(deadline.remaining() - reserve)
        log("page types, queries, load (uncached, then cached) and Lighthouse")
        run.page_types = site_bench.run_site_bench(
            config,
            site_deadline,
            run.problems,
            run.machine_load,
            run.conditions,
            healthz=run.healthz,
            worker_peak_kb=run.worker_peak_kb,
            browser_phase=not args.skip_browser,
        )
        if args.skip_browser:
            run.problems.append("--skip-browser: no Lighthouse figures")
        if args.skip_helpers:
            run.problems.append("--skip-helpers: the other apps' benchmarks did not run")
        for script in scripts:
            timeout = min(limits[script], deadline.remaining())
            if timeout < 10:
                run.problems.append(f"{script.name} skipped: time budget used up")
                continue
            log(f"{script.name} (at most {timeout:.0f} s)")
            output = helpers.run_helper(script, config, timeout)
            run.helpers.append(output)
            if output.returncode != 0:
                run.problems.append(f"{output.script} did not finish cleanly (see its section)")
    except Exception as error:  # whatever failed, the report must still say what happened
        summary = str(error).strip().splitlines()[0] if str(error).strip() else repr(error)
        run.problems.append(f"the run stopped early: {summary}")
        run.failure = traceback.format_exc()
        traceback.print_exc()
    finally:
        run.seconds = time.monotonic() - started
        if run.page_types:
            site_bench.write_json(run.page_types, config.var_dir / "results.json")
        write_report(run, config.report_md, config.report_png)
    failed = [check for check in check_goals(run) if check.passed is False]
    log(f"{len(failed)} goal checks failed; {len(run.problems)} problems")
    print(f"Report: {config.report_md}\nChart:  {config.report_png}")
    return 1 if "the run stopped early" in " ".join(run.problems) else 0


if __name__ == "__main__":
    sys.exit(main())
