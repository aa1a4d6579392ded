"""Peak resident memory of a server: its master and every worker, summed, sampled every 100 ms.

Summing the tree is what the machine actually pays: two workers each holding an app cost twice one.
"""

from __future__ import annotations

import threading
from types import TracebackType

import psutil

__all__ = ("PeakMemory",)

_INTERVAL_S = 0.1
_MB = 1024 * 1024


def _tree_rss(root: psutil.Process) -> int:
    total = 0
    try:
        members = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    for member in members:
        try:
            total += member.memory_info().rss
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue  # a worker that exited between the listing and the reading
    return total


class PeakMemory:
    """`with PeakMemory(pid) as memory: ...` then `memory.peak_mb`."""

    def __init__(self, pid: int) -> None:
        self._root = psutil.Process(pid)
        self._peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, name="bench-rss", daemon=True)

    @property
    def peak_mb(self) -> float:
        return round(self._peak / _MB, 1)

    def _sample(self) -> None:
        while True:
            self._peak = max(self._peak, _tree_rss(self._root))
            if self._stop.wait(_INTERVAL_S):
                return

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._stop.set()
        self._thread.join()
