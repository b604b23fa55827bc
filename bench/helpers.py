"""Other apps' benchmark scripts (bench/*_bench.py besides site_bench.py), each in a subprocess.

They are owned by their apps and may hang or fail; each gets its own time limit (also passed as
``BENCH_TIME_LIMIT`` so it can stop in time by itself) and process group, and whatever it printed
goes into the report as is.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

from .config import ROOT, VENV_PYTHON, BenchConfig
from .results import HelperOutput
from .servers import stop_group

BENCH_DIR = Path(__file__).resolve().parent
OWN_SCRIPTS = {"site_bench.py"}


def helper_scripts() -> list[Path]:
    return sorted(p for p in BENCH_DIR.glob("*_bench.py") if p.name not in OWN_SCRIPTS)


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
