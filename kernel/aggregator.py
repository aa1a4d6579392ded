"""Collect one dashboard from every enabled metrics provider, whatever some of them do.

Unlike a plugin hook that aborts on the first failure, the aggregator isolates each provider:
each runs on its own worker thread with its own session, all at once, under one deadline. A
provider that raises or overruns is logged with its category, listed as unavailable, and its
running statement is interrupted so its connection returns to the pool; every other category is
still returned, in the providers' order.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from kernel.metrics import MetricValue

if TYPE_CHECKING:
    from kernel.context import MetricsContext
    from kernel.contracts.sessions import InterruptibleSession, InterruptibleSessions
    from kernel.provider import MetricsProvider

__all__ = ("Dashboard", "StatsAggregator")

logger = logging.getLogger("tessera.metrics")

Scope = Literal["vendor", "platform"]


@dataclass(frozen=True, slots=True)
class Dashboard:
    """The figures by category, and the categories that could not answer this time."""

    categories: dict[str, list[MetricValue]]
    unavailable: list[str]


class _AbandonedError(Exception):
    """Raised in a worker whose dashboard stopped waiting before the worker even started."""


class _Run:
    """The hand-over point between a worker and the aggregator for one provider call.

    The lock guarantees an interrupt only ever reaches the session while this provider owns it,
    never a connection already returned to the pool and lent to someone else.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._handle: InterruptibleSession | None = None
        self._abandoned = False

    @property
    def abandoned(self) -> bool:
        return self._abandoned

    def attach(self, handle: InterruptibleSession) -> None:
        with self._lock:
            if self._abandoned:
                raise _AbandonedError
            self._handle = handle

    def detach(self) -> None:
        with self._lock:
            self._handle = None

    def abandon(self) -> None:
        with self._lock:
            self._abandoned = True
            if self._handle is not None:
                self._handle.interrupt()


class StatsAggregator:
    """Runs the providers it is given; it never looks for modules itself."""

    def __init__(
        self,
        providers: Sequence[MetricsProvider],
        sessions: InterruptibleSessions,
        *,
        timeout_s: float,
        max_workers: int = 32,
    ) -> None:
        self._providers = {provider.metrics_category: provider for provider in providers}
        if len(self._providers) != len(providers):
            categories = [provider.metrics_category for provider in providers]
            duplicates = sorted({c for c in categories if categories.count(c) > 1})
            raise ValueError(f"two metrics providers claim the same category: {', '.join(duplicates)}")
        self._sessions = sessions
        self._timeout_s = timeout_s
        self._max_workers = max_workers
        self._executor: ThreadPoolExecutor | None = None
        self._executor_lock = threading.Lock()

    @property
    def categories(self) -> list[str]:
        return list(self._providers)

    def vendor_dashboard(self, vendor_id: int, context: MetricsContext) -> Dashboard:
        return self._collect("vendor", vendor_id, context)

    def platform_dashboard(self, platform_id: int, context: MetricsContext) -> Dashboard:
        return self._collect("platform", platform_id, context)

    def close(self) -> None:
        """Stop the worker threads; calls still running finish on their own."""
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None

    def _pool(self) -> ThreadPoolExecutor:
        with self._executor_lock:
            if self._executor is None:
                self._executor = ThreadPoolExecutor(self._max_workers, thread_name_prefix="tessera-metrics")
            return self._executor

    def _collect(self, scope: Scope, target_id: int, context: MetricsContext) -> Dashboard:
        pool = self._pool()
        runs = {category: _Run() for category in self._providers}
        futures = {
            category: pool.submit(self._call, provider, scope, target_id, context, runs[category])
            for category, provider in self._providers.items()
        }
        wait(futures.values(), timeout=self._timeout_s)
        categories: dict[str, list[MetricValue]] = {}
        unavailable: list[str] = []
        for category, future in futures.items():
            metrics = self._result(category, scope, target_id, future, runs[category])
            if metrics is None:
                unavailable.append(category)
            else:
                categories[category] = metrics
        return Dashboard(categories=categories, unavailable=unavailable)

    def _call(
        self, provider: MetricsProvider, scope: Scope, target_id: int, context: MetricsContext, run: _Run
    ) -> list[MetricValue]:
        if run.abandoned:  # queued behind slower calls until the deadline passed: don't take a connection
            raise _AbandonedError
        with self._sessions.open() as handle:
            run.attach(handle)
            try:
                if scope == "vendor":
                    return provider.get_vendor_metrics(handle.session, target_id, context)
                return provider.get_platform_metrics(handle.session, target_id, context)
            finally:
                run.detach()

    def _result(
        self, category: str, scope: Scope, target_id: int, future: Future[list[MetricValue]], run: _Run
    ) -> list[MetricValue] | None:
        if not future.done():
            run.abandon()
            logger.warning(
                "metrics provider %r timed out after %d ms on %s %d; its statement was interrupted",
                category,
                round(self._timeout_s * 1000),
                scope,
                target_id,
            )
            return None
        error = future.exception()
        if error is not None:
            logger.warning(
                "metrics provider %r failed on %s %d: %s: %s",
                category,
                scope,
                target_id,
                type(error).__name__,
                error,
                exc_info=error,
            )
            return None
        metrics = future.result()
        if not isinstance(metrics, list) or not all(isinstance(m, MetricValue) for m in metrics):
            logger.warning(
                "metrics provider %r returned %s, not a list of MetricValue", category, type(metrics)
            )
            return None
        return metrics
