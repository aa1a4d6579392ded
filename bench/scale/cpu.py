"""CPU seconds each part of a deployment spent while the load ran, read from /proc (psutil).

Parts: the nodes (each server's process and its workers), the primary and the replica (every
process of each cluster: backends, WAL sender and receiver, startup/replay), pgbouncer, and the
load generator (k6: this process's waited-for children, from `getrusage`). "machine" is all of it
from the kernel's counters, so what is left over is everything else the machine ran meanwhile.
A process that ends during the load is counted once its parent reaps it (the postmaster reaps every
backend at once), through the parent's children's times.
"""

from __future__ import annotations

import resource
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress

import psutil

__all__ = ("CpuMeter", "listening_process")


def listening_process(name: str, port: int) -> int:
    """The pid of the `name` process listening on 127.0.0.1:`port` (a postmaster, pgbouncer)."""
    for process in psutil.process_iter(["name"]):
        if process.info["name"] != name:
            continue
        with suppress(psutil.Error):
            if any(
                c.laddr.port == port and c.status == psutil.CONN_LISTEN
                for c in process.net_connections("inet")
            ):
                return process.pid
    raise LookupError(f"no {name} process listens on port {port}")


def _tree_seconds(pids: Iterable[int]) -> float:
    """Each root's own CPU, what it reaped of its children (a backend that ended, an overflow
    connection closed), and its live descendants': a process ending mid-window is still counted."""
    total = 0.0
    for pid in pids:
        with suppress(psutil.NoSuchProcess):
            root = psutil.Process(pid)
            times = root.cpu_times()
            total += times.user + times.system + times.children_user + times.children_system
            for process in root.children(recursive=True):
                with suppress(psutil.NoSuchProcess):
                    times = process.cpu_times()
                    total += times.user + times.system
    return total


def _children_seconds() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _machine_seconds() -> float:
    times = psutil.cpu_times()
    return sum(times) - times.idle - getattr(times, "iowait", 0.0)


class CpuMeter:
    """`with meter.measuring() as spent:` … then `spent` holds each part's seconds, and `wall` the
    seconds that passed."""

    def __init__(self, parts: dict[str, list[int]]) -> None:
        """`parts`: a name and the root pids of its process trees."""
        self._parts = parts

    def _read(self) -> dict[str, float]:
        read = {name: _tree_seconds(pids) for name, pids in self._parts.items()}
        return read | {
            "load generator": _children_seconds(),
            "machine": _machine_seconds(),
            "wall": time.monotonic(),
        }

    @contextmanager
    def measuring(self) -> Iterator[dict[str, float]]:
        spent: dict[str, float] = {}
        before = self._read()
        yield spent
        after = self._read()
        spent.update({name: round(after[name] - before[name], 3) for name in before})
