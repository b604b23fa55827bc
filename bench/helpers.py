"""Other apps' benchmark scripts (bench/*_bench.py besides site_bench.py), each in a subprocess.

They are owned by their apps and may hang or fail; each gets its own time limit (also passed as
``BENCH_TIME_LIMIT`` so it can stop in time by itself) and process group, and whatever it printed
goes into the report as is.

A script that needs more than ``BENCH_HELPER_TIMEOUT`` says so itself with a module-level
``BENCH_TIME_LIMIT_SECONDS = <int>`` (the newsletter benchmark sends 100,000 messages: about
five minutes on two busy cores, fifteen declared so a slower machine still finishes). The value
is read from the source with ``ast``, never by importing the script, so a broken or
slow-to-import script cannot stall the orchestrator.
"""

from __future__ import annotations

import ast
import subprocess
import time
from pathlib import Path

from .config import ROOT, VENV_PYTHON, BenchConfig
from .results import HelperOutput
from .servers import stop_group

BENCH_DIR = Path(__file__).resolve().parent
OWN_SCRIPTS = {"site_bench.py"}
LIMIT_NAME = "BENCH_TIME_LIMIT_SECONDS"


def helper_scripts() -> list[Path]:
    return sorted(p for p in BENCH_DIR.glob("*_bench.py") if p.name not in OWN_SCRIPTS)


def declared_time_limit(script: Path) -> int | None:
    """The script's ``BENCH_TIME_LIMIT_SECONDS`` (a positive integer literal), if it has one."""
    try:
        tree = ast.parse(script.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, ValueError):
        return None
    for node in tree.body:
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        else:
            continue
        if any(isinstance(t, ast.Name) and t.id == LIMIT_NAME for t in targets):
            try:
                limit = ast.literal_eval(value)
            except ValueError:
                return None
            return limit if isinstance(limit, int) and limit > 0 else None
    return None


def time_limit(script: Path, config: BenchConfig) -> int:
    """Seconds kept for ``script``: what it declares, else ``BENCH_HELPER_TIMEOUT``."""
    return declared_time_limit(script) or config.helper_timeout


def run_helper(script: Path, config: BenchConfig, timeout: float) -> HelperOutput:
    """Run one script with the bench environment; kill its whole group at the time limit."""
    started = time.monotonic()
    env = {
        **config.django_env(),
        "BENCH_VAR_DIR": str(config.var_dir),
        # The script should finish (and print its summary) within this; at timeout + a few
        # seconds its process group gets SIGTERM, then SIGKILL.
        "BENCH_TIME_LIMIT": str(max(5, int(timeout) - 10)),
    }
    process = subprocess.Popen(
        [str(VENV_PYTHON), str(script.relative_to(ROOT))],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        stdout, stderr = process.communicate(timeout=timeout)
        returncode: int | None = process.returncode
    except subprocess.TimeoutExpired:
        stop_group(process, grace=5)
        stdout, stderr = process.communicate()
        returncode = None
    finally:
        stop_group(process, grace=5)
    return HelperOutput(
        script=str(script.relative_to(ROOT)),
        returncode=returncode,
        seconds=time.monotonic() - started,
        stdout=stdout or "",
        stderr_tail="\n".join((stderr or "").splitlines()[-30:]),
    )
