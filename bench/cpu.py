"""CPU time per request of the server (master and workers) and of the PostgreSQL server processes.

At a fixed concurrency on a small machine, latency follows from how much CPU a request costs the
whole system, so this says where a target's time goes: in its own Python, or in the database. It
counts every request k6 sent while it ran, warm-up included, since the CPU was spent on all of them.

Each process is followed on its own (by pid and start time): a process that exits during the
measurement, such as another client's PostgreSQL backend, takes its CPU with it. Summing the trees
at the start and at the end would then subtract what it had spent before and could even come out
negative; per process, it only leaves out what it spent after the start, so a figure is never less
than nothing. The server's own backends stay connected (pooled) for the whole run.
"""

from __future__ import annotations

from types import TracebackType

import psutil

__all__ = ("CpuTime", "PostgresCpu")


Readings = dict[tuple[int, float], float]
"""CPU seconds by (pid, start time), so a pid used again by a new process is a new process."""


def _readings(processes: list[psutil.Process]) -> Readings:
    found: Readings = {}
    for process in processes:
        try:
            times = process.cpu_times()
            found[process.pid, process.create_time()] = float(times.user + times.system)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue  # exited between the listing and the reading
    return found


def _spent(before: Readings, after: Readings) -> float:
    """CPU spent between the two readings by the processes alive at the second (all of it for one
    that started in between)."""
    return sum(seconds - before.get(key, 0.0) for key, seconds in after.items())


def _postgres() -> list[psutil.Process]:
    return [p for p in psutil.process_iter(["name"]) if (p.info["name"] or "").startswith("postgres")]


class CpuTime:
    """`with CpuTime(pid) as cpu: ...` then `cpu.per_request(requests)`."""

    def __init__(self, pid: int) -> None:
        self._root = psutil.Process(pid)
        self._before: dict[str, Readings] = {}
        self._spent: dict[str, float] = {}

    def _now(self) -> dict[str, Readings]:
        return {
            "server": _readings([self._root, *self._root.children(recursive=True)]),
            "postgres": _readings(_postgres()),
        }

    def __enter__(self) -> CpuTime:
        self._before = self._now()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        after = self._now()
        self._spent = {name: _spent(self._before[name], after[name]) for name in after}

    def per_request(self, requests: int) -> dict[str, float]:
        """Milliseconds per request: `server_cpu_ms` and `postgres_cpu_ms` (0 on SQLite)."""
        if not requests:
            return {"server_cpu_ms": 0.0, "postgres_cpu_ms": 0.0}
        return {f"{name}_cpu_ms": round(spent * 1000 / requests, 2) for name, spent in self._spent.items()}


class PostgresCpu:
    """`with PostgresCpu() as postgres: ...` then `postgres.seconds`: what the PostgreSQL server's
    processes spent meanwhile, for a client measured in process (its own CPU it reads itself)."""

    def __init__(self) -> None:
        self._before: Readings = {}
        self.seconds = 0.0

    def __enter__(self) -> PostgresCpu:
        self._before = _readings(_postgres())
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.seconds = _spent(self._before, _readings(_postgres()))
