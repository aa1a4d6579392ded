"""One write run: for each database, a world per target (database, server, accounts), then each
scenario on every target in turn, warm-up first, the lock-wait sampler beside the measured window.

Targets alternate which goes first from one scenario to the next, so neither always runs on the
machine the other just warmed (or heated).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from contextlib import ExitStack, nullcontext
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg

from bench.machine import describe_machine
from bench.writes.lock_waits import HARNESS, LockWaitSampler
from bench.writes.options import WriteOptions
from bench.writes.scenarios import Scenario, scenarios
from bench.writes.summary import summarize
from bench.writes.targets import Target, baseline_worktree, current_target
from bench.writes.traffic import Load, run_load
from bench.writes.world import Accounts, DatabaseKind, World, built_world

__all__ = ("run_writes",)

Progress = Callable[[str], None]


def _load(accounts: Accounts, scenario: Scenario, seconds: float) -> Load:
    """Each VU its own vendor's owner, but for one vendor (every VU the same owner)."""
    owners = accounts.own_owners if scenario.layout == "own" else accounts.shared_owners
    tokens = owners[:1] * scenario.vus if scenario.one_vendor else owners[: scenario.vus]
    return Load(scenario.vus, seconds, tokens, scenario.mixed, accounts.admin, accounts.shared_platform)


def _measure(world: World, scenario: Scenario, options: WriteOptions, work: Path) -> dict[str, Any]:
    run_load(world.server, _load(world.accounts, scenario, options.warmup_s), work)
    sampler = LockWaitSampler(world.cluster) if world.cluster is not None else None
    with sampler if sampler is not None else nullcontext():
        answers = run_load(world.server, _load(world.accounts, scenario, options.seconds), work)
    return {
        "scenario": scenario.name,
        "key": scenario.key,
        "vus": scenario.vus,
        "target": world.target.name,
        **summarize(answers, options.seconds),
        "lock_waits": sampler.result() if sampler is not None else None,
    }


def _postgres_version(world: World) -> str | None:
    if world.cluster is None:
        return None
    dsn = f"host=127.0.0.1 port={world.cluster.port} user=postgres dbname={world.cluster.database}"
    with psycopg.connect(dsn, application_name=HARNESS) as connection:
        row = connection.execute("SHOW server_version").fetchone()
    return None if row is None else str(row[0])


def _database_runs(
    kind: DatabaseKind, targets: list[Target], options: WriteOptions, work: Path, progress: Progress
) -> tuple[list[dict[str, Any]], str | None]:
    """Every scenario asked for on every target, on `kind`; the PostgreSQL version if it is that."""
    chosen = scenarios(options.many, options.few)
    results = []
    with ExitStack() as stack:
        worlds = []
        for target in targets:
            progress(f"{kind}: building the {target.name} world ({options.many} vendors per layout)")
            worlds.append(
                stack.enter_context(
                    built_world(kind, target, os.environ, options.many, options.workers, work)
                )
            )
        for turn, name in enumerate(options.scenarios):
            for world in worlds if turn % 2 == 0 else worlds[::-1]:
                progress(f"{kind}: {name} on {world.target.name}")
                results.append(_measure(world, chosen[name], options, work))
        version = _postgres_version(worlds[0])
    return results, version


def run_writes(options: WriteOptions, command: str, progress: Progress = print) -> dict[str, Any]:
    """Every database and scenario asked for; the results, as the report and the JSON hold them."""
    load_before = os.getloadavg()[0]
    machine = describe_machine(None)  # before anything runs: the commit measured
    databases: dict[str, list[dict[str, Any]]] = {}
    with ExitStack() as stack, tempfile.TemporaryDirectory(prefix="tessera-writes-") as folder:
        targets = [current_target(machine["commit"])]
        if options.baseline is not None:
            targets.append(stack.enter_context(baseline_worktree(options.baseline, progress)))
        for kind in options.databases:
            databases[kind], version = _database_runs(kind, targets, options, Path(folder), progress)
            machine["postgresql"] = version or machine["postgresql"]
    baseline = targets[1] if len(targets) > 1 else None
    return {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": command,
        "machine": machine,
        "targets": {
            "current": {"commit": targets[0].commit},
            "baseline": None if baseline is None else {"commit": baseline.commit, "ref": options.baseline},
        },
        "settings": {
            "many": options.many,
            "few": options.few,
            "vendors": options.many,
            "seconds": options.seconds,
            "warmup_s": options.warmup_s,
            "workers": options.workers,
        },
        "load_average_1m": {"before": round(load_before, 2), "after": round(os.getloadavg()[0], 2)},
        "databases": databases,
    }
