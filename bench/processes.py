"""The processes the harness starts: `tessera` commands, and servers it must never leave behind.

A server runs in a session of its own, so its master and workers form one process group: on the way
out (normal end, failure, Ctrl-C or SIGTERM to the harness) the master is asked to stop, and
whatever of the group is still there after a grace period is killed.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import httpx

__all__ = ("REPOSITORY", "BenchError", "Server", "executable", "free_port", "serving", "tessera")

REPOSITORY = Path(__file__).resolve().parent.parent
_STOP_GRACE_S = 15.0


class BenchError(RuntimeError):
    """A step failed; the message says which and shows the output that explains it."""


def executable(name: str) -> str:
    """A console script of this virtualenv (`tessera`, `k6`), next to the running interpreter."""
    path = Path(sys.executable).parent / name
    if not path.exists():
        raise BenchError(f"{path} is missing: install the bench extra, e.g. `make bench`")
    return str(path)


def tessera(environ: Mapping[str, str], *arguments: str) -> str:
    """Run one `tessera` command; its output, or a `BenchError` with what it printed."""
    command = [executable("tessera"), *arguments]
    done = subprocess.run(  # noqa: S603 - this virtualenv's tessera, arguments from the harness
        command, env=dict(environ), cwd=REPOSITORY, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        shown = " ".join(arguments[:2])
        raise BenchError(f"`tessera {shown}` failed ({done.returncode}):\n{done.stdout}{done.stderr}")
    return done.stdout


def free_port() -> int:
    """A port nobody listens on now; parallel runs each get their own."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class Server:
    pid: int
    base_url: str
    log: Path


def _tail(log: Path, lines: int = 30) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _wait_ready(process: subprocess.Popen[bytes], url: str, log: Path, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    with httpx.Client(timeout=2) as client:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise BenchError(f"the server exited with {process.returncode}:\n{_tail(log)}")
            try:
                if client.get(url).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
    raise BenchError(f"the server did not answer {url} within {timeout_s:.0f} s:\n{_tail(log)}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM lets the server stop its workers; the group is killed if anything outlives the grace."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        with suppress(subprocess.TimeoutExpired):
            process.wait(timeout=_STOP_GRACE_S)
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)  # any worker that outlived its master
    process.wait()


@contextmanager
def serving(
    command: Sequence[str],
    environ: Mapping[str, str],
    port: int,
    log: Path,
    ready_path: str = "/ready",
    timeout_s: float = 90.0,
    cwd: Path = REPOSITORY,
) -> Iterator[Server]:
    """Start `command` (which listens on `port`), wait until `ready_path` answers 200, stop it after.
    `cwd`: another checkout's folder when serving its code (the write benchmark's baseline)."""
    base_url = f"http://127.0.0.1:{port}"
    with log.open("wb") as output:
        process = subprocess.Popen(  # noqa: S603 - commands the harness builds
            list(command),
            env=dict(environ),
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            _wait_ready(process, base_url + ready_path, log, timeout_s)
            yield Server(process.pid, base_url, log)
        finally:
            _stop(process)
