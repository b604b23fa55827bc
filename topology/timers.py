"""A timer loop standing in for the systemd timers of ``deploy/systemd/``.

It reads every ``kindness-*.timer`` there, takes the interval from ``OnUnitActiveSec=`` and the
command from the matching ``.service``'s ``ExecStart=`` (the ``manage.py`` command and its
arguments), and runs each command in its own process when it is due, one at a time, as systemd
would on one machine. ``--every NAME=SECONDS`` shortens an interval (the tests do not wait a
minute for ``publish_scheduled``). One JSON line per run on stdout.

    python -m topology.timers [--every publish_scheduled=2]
"""

from __future__ import annotations

import argparse
import json
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from .config import PYTHON, ROOT
from .processes import die_with_parent

SYSTEMD_DIR = ROOT / "deploy" / "systemd"
UNITS = {"us": 1e-6, "ms": 1e-3, "s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hr": 3600}
UNITS |= {"d": 86400, "day": 86400, "days": 86400, "w": 604800, "week": 604800}
RUN_TIMEOUT = 600  # a command stuck longer is killed, as systemd's TimeoutStartSec would


@dataclass
class Timer:
    name: str  # the manage.py command, e.g. publish_scheduled
    arguments: list[str]
    interval: float
    due: float = 0.0


def timespan_seconds(text: str) -> float:
    """systemd time spans: ``1min``, ``5min 30s``, ``1d``, ``90`` (seconds)."""
    total, found = 0.0, False
    for number, unit in re.findall(r"([0-9.]+)\s*([a-z]*)", text.strip().lower()):
        if unit not in UNITS and unit:
            raise ValueError(f"unknown time unit {unit!r} in {text!r}")
        total += float(number) * UNITS.get(unit, 1)
        found = True
    if not found:
        raise ValueError(f"not a time span: {text!r}")
    return total


def _setting(unit_text: str, key: str) -> str:
    match = re.search(rf"^{key}=(.+)$", unit_text, re.M)
    if not match:
        raise ValueError(f"{key}= missing")
    return match.group(1).strip()


def read_timers(directory: Path = SYSTEMD_DIR) -> list[Timer]:
    """Every timer in ``directory`` with its command and interval."""
    timers = []
    for timer_file in sorted(directory.glob("kindness-*.timer")):
        service = timer_file.with_suffix(".service")
        exec_start = _setting(service.read_text(), "ExecStart").split()
        if "manage.py" not in exec_start:
            raise ValueError(f"{service.name}: ExecStart does not run manage.py")
        name, *arguments = exec_start[exec_start.index("manage.py") + 1 :]
        interval = timespan_seconds(_setting(timer_file.read_text(), "OnUnitActiveSec"))
        timers.append(Timer(name, arguments, interval))
    if not timers:
        raise ValueError(f"no kindness-*.timer in {directory}")
    return timers


def log(**fields: object) -> None:
    print(json.dumps({"logger": "topology.timers", **fields}), flush=True)


def run_once(timer: Timer) -> None:
    started = time.monotonic()
    try:
        result = subprocess.run(
            [PYTHON, "manage.py", timer.name, *timer.arguments],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=RUN_TIMEOUT,
            check=False,
            stdin=subprocess.DEVNULL,
            preexec_fn=die_with_parent,  # the loop SIGKILLed: no command left running
        )
        status, output = result.returncode, (result.stdout + result.stderr)[-2000:]
    except subprocess.TimeoutExpired:
        status, output = -1, f"killed after {RUN_TIMEOUT} s"
    seconds = round(time.monotonic() - started, 2)
    log(timer=timer.name, status=status, seconds=seconds, output=output.strip())


def loop(timers: list[Timer], stop_after: float | None = None) -> None:
    """Run each timer ``interval`` seconds after the last run ended (OnUnitActiveSec)."""
    stopping = False

    def stop(*_: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    now = time.monotonic()
    end = now + stop_after if stop_after else None
    for timer in timers:
        timer.due = now + timer.interval
    log(event="started", timers={t.name: t.interval for t in timers})
    while not stopping and (end is None or time.monotonic() < end):
        timer = min(timers, key=lambda t: t.due)
        if time.monotonic() >= timer.due:
            run_once(timer)
            timer.due = time.monotonic() + timer.interval
        else:
            time.sleep(min(0.2, timer.due - time.monotonic()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run deploy/systemd's timers in a loop.")
    parser.add_argument("--every", action="append", default=[], metavar="NAME=SECONDS")
    parser.add_argument("--stop-after", type=float, default=None, help="seconds, then exit")
    args = parser.parse_args(argv)
    timers = read_timers()
    shorter = dict(item.split("=", 1) for item in args.every)
    for timer in timers:
        if timer.name in shorter:
            timer.interval = float(shorter.pop(timer.name))
    if shorter:
        parser.error(f"no such timer: {', '.join(shorter)}")
    loop(timers, args.stop_after)
    return 0


if __name__ == "__main__":
    sys.exit(main())
