"""One fault run: a cluster seeded once, then each scenario on a server of its own.

A scenario: warm the server up, count the app's idle connections, start the measured load, let it
run `before_s`, play the fault, let the load run `after_s` more, then (load stopped, pool idle)
count the connections again and check every orders figure against the orders table.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import msgspec

from adapters.settings_file import load_settings
from bench.faults.answers import summarize
from bench.faults.checks import app_connections, wrong_figures
from bench.faults.options import FaultOptions
from bench.faults.scenarios import SCENARIOS, Scenario
from bench.faults.traffic import Traffic
from bench.faults.world import Tokens, make_environ, prepare_database, served, sign_up
from bench.machine import describe_machine
from bench.pg_cluster import TemporaryCluster

__all__ = ("run_faults",)

SETTLE_S = 2.0
"""After the load stops: in-flight work ends and overflow connections go back, before counting."""


def _log_size(log: Path) -> tuple[int, int]:
    """Lines and bytes the server has written so far."""
    content = log.read_bytes() if log.exists() else b""
    return content.count(b"\n"), len(content)


def _leaks(after: dict[str, int], capacity: int) -> dict[str, int]:
    """Seen from outside, once the load has stopped: a backend still busy (`active`, `idle in
    transaction`) is held by a request that is over, and idle ones past what the pools keep
    (`pool_size` per worker; overflow connections close when returned) were never given back."""
    busy = sum(count for state, count in after.items() if state != "idle")
    return {"capacity": capacity, "busy_after": busy, "leaked": busy + max(0, sum(after.values()) - capacity)}


def _play(
    scenario: Scenario,
    options: FaultOptions,
    cluster: TemporaryCluster,
    environ: Mapping[str, str],
    tokens: Tokens,
    work: Path,
) -> dict[str, Any]:
    seconds = options.fault_seconds(scenario.seconds_option)
    pool_size = load_settings(environ=environ, require_secret=False).settings.database.pool_size
    capacity = pool_size * options.workers
    log = work / f"{scenario.name}.log"
    with served(environ, options.workers, log) as server:
        Traffic(server, tokens, options.load, options.warmup_s, work).wait()
        time.sleep(SETTLE_S)
        before = app_connections(cluster)
        length = options.before_s + (seconds or scenario.planned_s) + options.after_s
        traffic = Traffic(server, tokens, options.load, length, work)
        try:
            traffic.wait_for_first_answer()
            time.sleep(options.before_s)
            log_at_start = _log_size(log)
            window = scenario.play(cluster, seconds)
            log_at_end = _log_size(log)
            answers = traffic.wait()
        finally:
            traffic.stop()
        log_at_finish = _log_size(log)
        time.sleep(SETTLE_S)
        after = app_connections(cluster)
        wrong = wrong_figures(server, tokens, cluster)
    return {
        "scenario": scenario.name,
        "fault_s": round(window.end_s - window.start_s, 2),
        "answers": len(answers),
        **summarize(answers, window),
        "log": {
            "lines_during": log_at_end[0] - log_at_start[0],
            "bytes_during": log_at_end[1] - log_at_start[1],
            "lines_after": log_at_finish[0] - log_at_end[0],
        },
        "connections": {
            "before": before,
            "after": after,
            **_leaks(after, capacity),
        },
        "wrong_figures": wrong,
    }


def run_faults(options: FaultOptions, command: str, progress: Any = print) -> dict[str, Any]:
    """Every scenario asked for, in the order asked; the results, as the report and the JSON hold them."""
    load_before = os.getloadavg()[0]
    with TemporaryCluster() as cluster, tempfile.TemporaryDirectory(prefix="tessera-faults-") as folder:
        work = Path(folder)
        environ = make_environ(cluster)
        progress(f"seeding a throwaway cluster on :{cluster.port} at scale {options.scale}")
        password = prepare_database(environ, options.scale, options.seed)
        with served(environ, 1, work / "sign-up.log") as server:
            tokens = sign_up(server, password, environ)
        settings = load_settings(environ=environ, require_secret=False).settings
        results = []
        for name in options.scenarios:
            progress(f"{name}: playing")
            results.append(_play(SCENARIOS[name], options, cluster, environ, tokens, work))
        return {
            "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "command": command,
            "machine": describe_machine(cluster.url),
            "load": {
                "readers": options.load.readers,
                "writers": options.load.writers,
                "server_workers": options.workers,
                "before_s": options.before_s,
                "after_s": options.after_s,
                "scale": options.scale,
                "vendors": len(tokens.owners),
                # anything else running then (a test suite, a build) shows here and makes figures worth less
                "load_average_1m": {"before": round(load_before, 2), "after": round(os.getloadavg()[0], 2)},
            },
            "settings": {
                "database": msgspec.structs.asdict(settings.database) | {"url": "(throwaway cluster)"},
                "metrics": msgspec.structs.asdict(settings.metrics),
            },
            "scenarios": results,
        }
