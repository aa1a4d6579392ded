"""The faults, each played on the throwaway cluster while the load runs: the window it returns is
when clients could notice it, from the first harm to the moment the database was whole again."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import psycopg

from bench.pg_cluster import TemporaryCluster

__all__ = ("HARNESS", "SCENARIOS", "Scenario", "Window")

HARNESS = "tessera-faultbench"
"""The `application_name` of the harness's own connections, which are not the app's to count."""


@dataclass(frozen=True)
class Window:
    start_s: float
    """Epoch seconds when the fault began: the server stopping, the lock taken, backends paused."""
    end_s: float
    """When it ended: `pg_ctl start` returned, the lock released, backends resumed."""


def restart(cluster: TemporaryCluster, _seconds: float) -> Window:
    """`pg_ctl stop -m fast` (every session ends), then start at once."""
    started = time.time()
    cluster.stop()
    cluster.start()
    return Window(started, time.time())


def outage(cluster: TemporaryCluster, seconds: float) -> Window:
    """The server stopped for `seconds` under load, then started."""
    started = time.time()
    cluster.stop()
    time.sleep(seconds)
    cluster.start()
    return Window(started, time.time())


def lock_stall(cluster: TemporaryCluster, seconds: float) -> Window:
    """The ledger's deltas locked for `seconds`, as a long migration or a stuck transaction would:
    every dashboard reads `figure_deltas`, every order write appends to it (writes no longer touch
    `figure_totals`, which only the folder updates)."""
    dsn = f"host=127.0.0.1 port={cluster.port} user=postgres dbname={cluster.database}"
    with psycopg.connect(dsn, application_name=HARNESS) as holder:
        holder.execute("LOCK TABLE figure_deltas IN ACCESS EXCLUSIVE MODE")
        started = time.time()
        time.sleep(seconds)
        holder.rollback()
    return Window(started, time.time())


def paused_backends(cluster: TemporaryCluster, seconds: float) -> Window:
    """SIGSTOP to every backend the app holds: their sockets stay open and answer nothing."""
    pids = cluster.backend_pids()
    cluster.pause_backends(pids)
    started = time.time()
    try:
        time.sleep(seconds)
    finally:
        cluster.resume_backends(pids)
    return Window(started, time.time())


@dataclass(frozen=True)
class Scenario:
    name: str
    play: Callable[[TemporaryCluster, float], Window]
    seconds_option: str | None
    """Which option sets how long the fault lasts; None: it lasts as long as it takes."""
    planned_s: float = 0.0
    """Time a fault without a length is given in the load's schedule (a restart takes a second or two)."""


SCENARIOS = {
    scenario.name: scenario
    for scenario in (
        Scenario("restart", restart, None, planned_s=3.0),
        Scenario("outage", outage, "outage_s"),
        Scenario("lock-stall", lock_stall, "stall_s"),
        Scenario("paused-backends", paused_backends, "pause_s"),
    )
}
