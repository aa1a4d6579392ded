"""CPU time per request of the server (master and workers) and of the PostgreSQL server processes.

At a fixed concurrency on a small machine, latency follows from how much CPU a request costs the
whole system, so this says where a target's time goes: in its own Python, or in the database. It
counts every request k6 sent while it ran, warm-up included, since the CPU was spent on all of them.
"""

from __future__ import annotations

from types import TracebackType

import psutil

__all__ = ("CpuTime",)


def _seconds(process: psutil.Process) -> float:
    try:
        times = process.cpu_times()
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return 0.0  # exited between the listing and the reading
    return float(times.user + times.system)


def _postgres() -> list[psutil.Process]:
    return [p for p in psutil.process_iter(["name"]) if (p.info["name"] or "").startswith("postgres")]


class CpuTime:
    """`with CpuTime(pid) as cpu: ...` then `cpu.per_request(requests)`."""

    def __init__(self, pid: int) -> None:
        self._root = psutil.Process(pid)
        self._before: dict[str, float] = {}
        self._spent: dict[str, float] = {}

    def _now(self) -> dict[str, float]:
        server = [self._root, *self._root.children(recursive=True)]
        return {
            "server": sum(_seconds(p) for p in server),
            "postgres": sum(_seconds(p) for p in _postgres()),
        }

    def __enter__(self) -> CpuTime:
        self._before = self._now()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        after = self._now()
        self._spent = {name: after[name] - self._before[name] for name in after}

    def per_request(self, requests: int) -> dict[str, float]:
        """Milliseconds per request: `server_cpu_ms` and `postgres_cpu_ms` (0 on SQLite)."""
        if not requests:
            return {"server_cpu_ms": 0.0, "postgres_cpu_ms": 0.0}
        return {f"{name}_cpu_ms": round(spent * 1000 / requests, 2) for name, spent in self._spent.items()}
