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
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import msgspec

from adapters.settings_file import load_settings
from bench.faults.answers import summarize
from bench.faults.checks import app_connections, wrong_figures
from bench.faults.options import FaultOptions
from bench.faults.scenarios import SCENARIOS, Scenario, Window
from bench.faults.traffic import Answer, Traffic
from bench.faults.world import Tokens, make_environ, prepare_database, served, sign_up
from bench.machine import describe_machine
from bench.pg_cluster import TemporaryCluster
from bench.processes import Server

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
    (per worker, the requests' `pool_size` and the dashboards' `metrics.max_workers`; overflow
    connections close when returned) were never given back."""
    busy = sum(count for state, count in after.items() if state != "idle")
    return {"capacity": capacity, "busy_after": busy, "leaked": busy + max(0, sum(after.values()) - capacity)}


@dataclass(frozen=True)
class _Stage:
    """What every scenario of a run shares: the options, the cluster, the settings, the accounts."""

    options: FaultOptions
    cluster: TemporaryCluster
    environ: Mapping[str, str]
    tokens: Tokens
    work: Path

    def play(self, scenario: Scenario) -> dict[str, Any]:
        """Warm a server of its own up, then measure the fault, then what it left behind."""
        options, cluster = self.options, self.cluster
        settings = load_settings(environ=self.environ, require_secret=False).settings
        kept = settings.database.pool_size + settings.metrics.max_workers  # idle connections a worker keeps
        log = self.work / f"{scenario.name}.log"
        with served(self.environ, options.workers, log) as server:
            Traffic(server, self.tokens, options.load, options.warmup_s, self.work).wait()
            time.sleep(SETTLE_S)
            before = app_connections(cluster)
            window, answers, logged = self._faulted(scenario, server, log)
            time.sleep(SETTLE_S)
            after = app_connections(cluster)
            wrong = wrong_figures(server, self.tokens, cluster)
        return {
            "scenario": scenario.name,
            "fault_s": round(window.end_s - window.start_s, 2),
            "answers": len(answers),
            **summarize(answers, window),
            "log": logged,
            "connections": {"before": before, "after": after, **_leaks(after, kept * options.workers)},
            "wrong_figures": wrong,
        }

    def _faulted(
        self, scenario: Scenario, server: Server, log: Path
    ) -> tuple[Window, list[Answer], dict[str, int]]:
        """The measured load, with the fault played `before_s` into it; the server's log lines and
        bytes while it lasted, and lines in the rest of the load."""
        options = self.options
        seconds = options.fault_seconds(scenario.seconds_option)
        length = options.before_s + (seconds or scenario.planned_s) + options.after_s
        traffic = Traffic(server, self.tokens, options.load, length, self.work)
        try:
            traffic.wait_for_first_answer()
            time.sleep(options.before_s)
            at_start = _log_size(log)
            window = scenario.play(self.cluster, seconds)
            at_end = _log_size(log)
            answers = traffic.wait()
        finally:
            traffic.stop()
        at_finish = _log_size(log)
        logged = {
            "lines_during": at_end[0] - at_start[0],
            "bytes_during": at_end[1] - at_start[1],
            "lines_after": at_finish[0] - at_end[0],
        }
        return window, answers, logged


def run_faults(options: FaultOptions, command: str, progress: Any = print) -> dict[str, Any]:
    """Every scenario asked for, in the order asked; the results, as the report and the JSON hold them."""
    load_before = os.getloadavg()[0]
    with TemporaryCluster() as cluster, tempfile.TemporaryDirectory(prefix="tessera-faults-") as folder:
        work = Path(folder)
        environ = make_environ(cluster)
        machine = describe_machine(cluster.url)  # before anything runs: the commit measured
        progress(f"seeding a throwaway cluster on :{cluster.port} at scale {options.scale}")
        password = prepare_database(environ, options.scale, options.seed)
        with served(environ, 1, work / "sign-up.log") as server:
            tokens = sign_up(server, password, environ)
        settings = load_settings(environ=environ, require_secret=False).settings
        stage, results = _Stage(options, cluster, environ, tokens, work), []
        for name in options.scenarios:
            progress(f"{name}: playing")
            results.append(stage.play(SCENARIOS[name]))
        return {
            "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "command": command,
            "machine": machine,
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
