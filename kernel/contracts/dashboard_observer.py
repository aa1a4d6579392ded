"""What the aggregator tells of each category it asks: how long it took, or why it gave nothing.

The kernel measures, an adapter counts: the aggregator knows when a batch started and finished
and why a category is unavailable, but exporting numbers (Prometheus, adapters/prometheus) is not a
dashboard's business and the kernel imports no exporter. The root container hands the aggregator
one observer; without one it tells no one (`NO_OBSERVER`).
"""

from __future__ import annotations

from typing import Literal, Protocol, runtime_checkable

__all__ = ("NO_OBSERVER", "DashboardObserver", "FailureReason")

FailureReason = Literal["error", "timeout", "skipped", "invalid"]
"""Why a category is unavailable: its batch or table raised; its batch overran the deadline; it was
not asked because earlier calls are still overrunning; it answered something other than metrics."""


@runtime_checkable
class DashboardObserver(Protocol):
    def category_answered(self, category: str, seconds: float) -> None:
        """`category` answered; `seconds` is its batch's run, from taking a session to its answer
        (every category of one batch shares it). Called on the dashboard's thread: quick, never fails."""
        ...

    def category_failed(self, category: str, reason: FailureReason) -> None:
        """`category` is listed unavailable on this dashboard, for `reason`."""
        ...


class _NoObserver:
    def category_answered(self, category: str, seconds: float) -> None:
        pass

    def category_failed(self, category: str, reason: FailureReason) -> None:
        pass


NO_OBSERVER: DashboardObserver = _NoObserver()
