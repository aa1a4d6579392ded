"""`DashboardObserver`s for tests: one that writes down what it is told, one that always raises."""

from __future__ import annotations

import threading

from kernel.contracts.dashboard_observer import FailureReason

__all__ = ("RaisingObserver", "RecordingObserver")


class RecordingObserver:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.answered: list[tuple[str, float]] = []
        self.failed: list[tuple[str, FailureReason]] = []

    def category_answered(self, category: str, seconds: float) -> None:
        with self._lock:
            self.answered.append((category, seconds))

    def category_failed(self, category: str, reason: FailureReason) -> None:
        with self._lock:
            self.failed.append((category, reason))


class RaisingObserver:
    """A broken counter: every call raises, as an exporter with a bug or a full disk would. It is
    both a `DashboardObserver` and the dashboard cache's `CacheObserver`."""

    def __init__(self) -> None:
        self.calls = 0

    def _raise(self) -> None:
        self.calls += 1
        raise RuntimeError("the observer is broken")

    def category_answered(self, category: str, seconds: float) -> None:
        self._raise()

    def category_failed(self, category: str, reason: FailureReason) -> None:
        self._raise()

    def cache_looked_up(self, hit: bool) -> None:
        self._raise()
