"""Run `load.js` with k6 and read back one `Answer` per request it made."""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from bench.processes import REPOSITORY, BenchError, Server, executable

__all__ = ("Answer", "Load", "parse_answer", "run_load")

_SCRIPT = Path(__file__).with_name("load.js")


@dataclass(frozen=True)
class Answer:
    """One request as the client saw it. `status` 0: no HTTP answer (refused, reset, timed out)."""

    kind: str
    """`write` (an order), `vendor` or `admin` (a dashboard)."""
    start_s: float
    duration_ms: float
    status: int

    @property
    def end_s(self) -> float:
        return self.start_s + self.duration_ms / 1000


@dataclass(frozen=True)
class Load:
    """What k6 is asked to do: `vus` users for `seconds`, each with the token of its turn."""

    vus: int
    seconds: float
    owner_tokens: list[str]
    mixed: bool = False
    admin_token: str = ""
    platform_id: int = 0


def parse_answer(line: str) -> Answer | None:
    """`R kind start_ms duration_ms status`, as load.js prints it; None for any other line."""
    parts = line.split()
    if len(parts) != 5 or parts[0] != "R":
        return None
    kind, start, took, status = parts[1:]
    try:
        return Answer(kind, int(start) / 1000, float(took), int(status))
    except ValueError:
        return None


def run_load(servers: Server | list[Server], load: Load, work: Path) -> list[Answer]:
    """Run k6 to the end (requests in flight are let finish) and read what it answered. With several
    servers, each virtual user keeps to one of them, round robin (bench/scale)."""
    answers = work / f"answers-{time.monotonic_ns()}.txt"
    output = answers.with_suffix(".log")
    environ = os.environ | {
        "BASE": ",".join(server.base_url for server in (servers if isinstance(servers, list) else [servers])),
        "OWNER_TOKENS": ",".join(load.owner_tokens),
        "ADMIN_TOKEN": load.admin_token,
        "PLATFORM_ID": str(load.platform_id),
        "VUS": str(load.vus),
        "DURATION": f"{load.seconds:.0f}s",
        "MIXED": "1" if load.mixed else "0",
        "K6_NO_USAGE_REPORT": "true",
    }
    command = [executable("k6"), "run", "--quiet", "--no-color", "--address", "", "--no-summary"]
    command += ["--log-format", "raw", "--console-output", str(answers), str(_SCRIPT)]
    with output.open("wb") as log:
        done = subprocess.run(  # noqa: S603 - this virtualenv's k6, our own script
            command, env=environ, cwd=REPOSITORY, stdout=log, stderr=subprocess.STDOUT, check=False
        )
    if done.returncode != 0 or not answers.exists():
        raise BenchError(f"k6 failed ({done.returncode}):\n{output.read_text(errors='replace')[-2000:]}")
    lines = answers.read_text(errors="replace").splitlines()
    return [answer for answer in map(parse_answer, lines) if answer is not None]
