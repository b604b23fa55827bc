"""Child processes that always end: their own process group, killed with the launcher.

Each child starts in a new session (so a gunicorn master and its workers, or varnishd's manager
and its child, are stopped as one group) and asks the kernel for SIGTERM when the launcher dies
(``PR_SET_PDEATHSIG``), so even a SIGKILLed launcher leaves no server behind.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from pathlib import Path

from .config import ROOT

_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Runs in the child between fork and exec."""
    # Not Linux: no prctl, and the launcher's own stop() still ends the group.
    with contextlib.suppress(OSError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


class Child:
    """One named process (group) with its output in ``<run_dir>/logs/<name>.log``."""

    def __init__(self, name: str, command: Sequence[str], env: dict[str, str], log_dir: Path):
        self.name = name
        self.command = list(command)
        self.env = env
        log_dir.mkdir(parents=True, exist_ok=True)
        self.log_path = log_dir / f"{name}.log"
        self.process: subprocess.Popen[bytes] | None = None
        self.terminated = False

    def start(self) -> Child:
        self.terminated = False
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                self.command,
                cwd=ROOT,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                preexec_fn=die_with_parent,
            )
        return self

    @property
    def pid(self) -> int:
        assert self.process is not None, f"{self.name} was never started"
        return self.process.pid

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def signal_group(self, signum: int) -> None:
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signum)

    def kill(self) -> None:
        """SIGKILL the whole group at once: a node or worker dying without warning."""
        self.signal_group(signal.SIGKILL)
        if self.process is not None:
            self.process.wait(timeout=10)

    def terminate(self) -> None:
        """Ask the group to stop (SIGTERM); ``stop`` waits for it."""
        if self.process is not None and self.process.poll() is None and not self.terminated:
            self.terminated = True  # once: a second SIGTERM makes db_worker skip its cleanup
            self.signal_group(signal.SIGTERM)

    def stop(self, grace: float = 15) -> None:
        """SIGTERM the group, wait at most ``grace`` seconds, then SIGKILL what is left."""
        if self.process is None:
            return
        self.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=grace)
        # Workers of a group can outlive their master; never leave one behind.
        self.signal_group(signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=5)

    def tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


def http_status(url: str, timeout: float = 2, headers: dict[str, str] | None = None) -> int:
    """The status of a GET, or 0 when nothing answers."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, OSError):
        return 0


def wait_for(
    what: str, ready: Callable[[], bool], child: Child | None, timeout: float, step: float = 0.25
) -> None:
    """Poll ``ready`` until it holds; fail at once if ``child`` exits, or after ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if ready():
            return
        if child is not None and not child.running():
            raise RuntimeError(f"{what} exited before it was ready:\n{child.tail()}")
        time.sleep(step)
    tail = f":\n{child.tail()}" if child is not None else ""
    raise RuntimeError(f"{what} was not ready within {timeout:.0f} s{tail}")


def run(
    command: Sequence[str], env: dict[str, str], timeout: float
) -> subprocess.CompletedProcess[str]:
    """A one-off command (migrate, a management command); its output on failure."""
    result = subprocess.run(
        list(command),
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command)} failed ({result.returncode}):\n"
            f"{result.stdout[-2000:]}\n{result.stderr[-4000:]}"
        )
    return result
