"""A `DashboardObserver` that writes down what it is told."""

from __future__ import annotations

import threading

from kernel.contracts.dashboard_observer import FailureReason

__all__ = ("RecordingObserver",)


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
