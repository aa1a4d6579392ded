"""Drive one dashboard URL with k6 (`bench/load.js`) and read the figures from its JSON summary."""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.processes import REPOSITORY, BenchError, executable

__all__ = ("Load", "LoadResult", "run_load", "seconds")

_SCRIPT = Path(__file__).with_name("load.js")
_DURATION = re.compile(r"^(\d+(?:\.\d+)?)(ms|s|m)?$")


def seconds(duration: str) -> float:
    """`20s`, `1.5s`, `500ms`, `2m` or a bare number of seconds, as k6 reads it."""
    match = _DURATION.match(duration.strip())
    if match is None:
        raise ValueError(f"not a duration: {duration!r} (use e.g. 20s, 500ms or 2m)")
    value, unit = float(match.group(1)), match.group(2) or "s"
    return value * {"ms": 0.001, "s": 1.0, "m": 60.0}[unit]


@dataclass(frozen=True)
class Load:
    """How hard and how long: the same for every target, so their figures compare."""

    concurrency: int
    duration: str
    warmup: str

    def k6_duration(self, value: str) -> str:
        return value if value[-1].isalpha() else f"{value}s"


@dataclass(frozen=True)
class LoadResult:
    requests: int
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int
    sent: int = 0
    """Every request of the run, warm-up included (`requests` counts the measured ones)."""


def _figures(summary: Mapping[str, Any], duration_s: float) -> LoadResult:
    metrics = summary["metrics"]
    latency = metrics["http_req_duration{phase:measure}"]["values"]
    requests = int(metrics["http_reqs{phase:measure}"]["values"]["count"])
    failures = int(metrics.get("failures", {}).get("values", {}).get("count", 0))
    return LoadResult(
        requests=requests,
        rps=round(requests / duration_s, 1),
        p50_ms=round(float(latency["med"]), 2),
        p99_ms=round(float(latency["p(99)"]), 2),
        errors=failures,
        sent=int(metrics["http_reqs"]["values"]["count"]),
    )


def run_load(load: Load, url: str, token: str, expect: str, work: Path) -> LoadResult:
    """One k6 run against `url`; a `BenchError` if any response failed or k6 itself did."""
    summary = work / "k6-summary.json"
    summary.unlink(missing_ok=True)
    environ = {
        **os.environ,
        "URL": url,
        "TOKEN": token,
        "EXPECT": expect,
        "VUS": str(load.concurrency),
        "WARMUP": load.k6_duration(load.warmup),
        "DURATION": load.k6_duration(load.duration),
        "SUMMARY": str(summary),
        "K6_NO_USAGE_REPORT": "true",
    }
    command = [executable("k6"), "run", "--quiet", "--no-color", "--address", "", str(_SCRIPT)]
    done = subprocess.run(  # noqa: S603 - this virtualenv's k6, our own script
        command, env=environ, cwd=REPOSITORY, capture_output=True, text=True, check=False
    )
    if not summary.exists():
        raise BenchError(f"k6 failed ({done.returncode}) on {url}:\n{done.stdout}{done.stderr}")
    result = _figures(json.loads(summary.read_text()), seconds(load.duration))
    if result.errors:
        raise BenchError(f"{url}: {result.errors} failed responses, the first ones:\n{done.stderr[:2000]}")
    if done.returncode != 0:
        raise BenchError(
            f"k6 stopped before the end (exit {done.returncode}) on {url}:\n{done.stderr[-2000:]}"
        )
    return result
