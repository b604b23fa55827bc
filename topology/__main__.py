"""``make prod-shape``: start the production shape on loopback, print its URLs, stop on Ctrl+C.

    python -m topology [--max-seconds 3600] [--keep-database]

Stops by itself after ``--max-seconds`` (``SHAPE_MAX_SECONDS``, default one hour), on Ctrl+C and
on SIGTERM; every process it started is stopped (a SIGKILLed launcher takes its children with it).
"""

from __future__ import annotations

import argparse
import os
import shlex
import signal
import sys
import tempfile
import time
from pathlib import Path

from .config import NODES, ShapeConfig
from .shape import Shape


def _write_env_file(shape: Shape, process: str) -> Path:
    """A file of NAME=value lines, so an operator can run a command as ``process`` would."""
    path = shape.config.run_dir / f"{process}.env"
    lines = [
        f"{key}={shlex.quote(value)}" for key, value in shape.config.django_env(process).items()
    ]
    path.write_text("\n".join(sorted(lines)) + "\n")
    path.chmod(0o600)
    return path


def _banner(shape: Shape, max_seconds: float) -> str:
    env_file = _write_env_file(shape, "a")
    rows = [
        ("site (through Varnish)", shape.url("varnish") + "/"),
        *((f"node {node} (gunicorn)", shape.url(node) + "/") for node in NODES),
        ("object storage (moto S3)", shape.url("s3") + "/"),
        ("database", shape.config.database_url),
        ("Redis", shape.config.redis_url),
        ("logs", str(shape.logs())),
    ]
    width = max(len(label) for label, _ in rows)
    body = "\n".join(f"  {label:<{width}}  {value}" for label, value in rows)
    return (
        f"\nThe production shape is up:\n{body}\n\n"
        "Run a command on node a (e.g. an admin account; two-factor sign-in is on):\n"
        f"  set -a; . {env_file}; set +a; .venv/bin/python manage.py createsuperuser\n"
        f"Stops on Ctrl+C, SIGTERM or after {max_seconds:.0f} s.\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--max-seconds", type=float, default=float(os.environ.get("SHAPE_MAX_SECONDS", "3600"))
    )
    parser.add_argument("--keep-database", action="store_true")
    args = parser.parse_args(argv)
    # Ctrl+C and SIGTERM unwind through Shape.stop(); SIGINT explicitly, because a shell that
    # starts a job in the background makes it ignore SIGINT, and Python keeps that.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    run_dir = Path(tempfile.mkdtemp(prefix="kindness-prod-shape-"))
    shape = Shape(ShapeConfig.from_env(run_dir), say=True)
    status = 0
    try:
        shape.start()
        print(_banner(shape, args.max_seconds), flush=True)
        deadline = time.monotonic() + args.max_seconds
        reported: set[str] = set()
        while time.monotonic() < deadline:
            time.sleep(1)
            for name, child in shape.children.items():
                if not child.running() and name not in reported:
                    reported.add(name)
                    print(f"{name} exited; its log: {child.log_path}", flush=True)
        print("Time is up.", flush=True)
    except KeyboardInterrupt:
        print("\nStopping ...", flush=True)
    except RuntimeError as error:
        print(f"The production shape failed: {error}", file=sys.stderr, flush=True)
        status = 1
    finally:
        shape.stop(keep_database=args.keep_database)
        print(f"Everything stopped. Logs kept in {shape.logs()}", flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
