"""Collect one dashboard from every enabled metrics provider, whatever some of them do.

Unlike a plugin hook that aborts on the first failure, the aggregator isolates each provider:
each runs on its own worker thread with its own session, all at once, under one deadline (the
providers on the figures ledger run as one batch, one read for all of them: `kernel/metrics_batch.py`).
A provider that raises or overruns is logged with its category, listed as unavailable, and its
running statement is interrupted so its connection returns to the pool; every other category is
still returned, in the providers' order.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Collection, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kernel.metrics import MetricValue
from kernel.metrics_batch import Answers, MetricsBatch, Scope, batches

if TYPE_CHECKING:
    from kernel.context import MetricsContext
    from kernel.contracts.sessions import InterruptibleSession, InterruptibleSessions
    from kernel.provider import MetricsProvider

__all__ = ("Dashboard", "StatsAggregator")

logger = logging.getLogger("tessera.metrics")


@dataclass(frozen=True, slots=True)
class Dashboard:
    """The figures by category, and the categories that could not answer this time."""

    categories: dict[str, list[MetricValue]]
    unavailable: list[str]
    failed: dict[str, Exception] = field(default_factory=dict)
    """What each unavailable category raised; one listed unavailable but not here ran late or was
    skipped. The HTTP layer tells a database outage (every category failing to reach it) from a bug."""


class _AbandonedError(Exception):
    """Raised in a worker whose dashboard stopped waiting before the worker even started."""


class _Run:
    """The hand-over point between a worker and the aggregator for one provider call.

    The lock guarantees an interrupt only ever reaches the session while this provider owns it,
    never a connection already returned to the pool and lent to someone else; it also decides, once,
    whether an abandoned call was still running (and so counts as overrunning until it returns).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._handle: InterruptibleSession | None = None
        self._started = self._finished = self._abandoned = False

    def start(self) -> None:
        with self._lock:
            if self._abandoned:  # queued until the deadline passed: do not even take a connection
                raise _AbandonedError
            self._started = True

    def attach(self, handle: InterruptibleSession) -> None:
        with self._lock:
            self._handle = handle

    def detach(self) -> None:
        with self._lock:
            self._handle = None

    def abandon(self) -> bool:
        """Interrupt the call; True if it was running, so it now overruns until it returns."""
        with self._lock:
            self._abandoned = True
            if self._handle is not None:
                self._handle.interrupt()
            return self._started and not self._finished

    def finish(self) -> bool:
        """True if the call had been abandoned while running: it no longer overruns."""
        with self._lock:
            self._finished = True
            return self._abandoned


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
        self._lock = threading.Lock()
        # Calls abandoned at their deadline but still running (a provider can ignore interrupts,
        # e.g. by sleeping in Python). Past this many, a category is skipped rather than allowed to
        # take every worker thread from the healthy ones.
        self._batches = batches(providers)
        self._overrunning = {batch.categories: 0 for batch in self._batches}
        self._overrun_limit = max(1, max_workers // (len(self._batches) + 1))

    @property
    def categories(self) -> list[str]:
        return list(self._providers)

    def vendor_dashboard(
        self, vendor_id: int, context: MetricsContext, only: Collection[str] | None = None
    ) -> Dashboard:
        """`only` names the categories to ask (those switched on for the request's platform);
        the others are neither asked nor listed as unavailable. `None` asks every provider."""
        return self._collect("vendor", vendor_id, context, only)

    def platform_dashboard(
        self, platform_id: int, context: MetricsContext, only: Collection[str] | None = None
    ) -> Dashboard:
        return self._collect("platform", platform_id, context, only)

    def close(self) -> None:
        """Stop the worker threads; calls still running finish on their own."""
        with self._lock:
            if self._executor is not None:
                self._executor.shutdown(wait=False, cancel_futures=True)
                self._executor = None

    def _pool(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._executor is None:
                self._executor = ThreadPoolExecutor(self._max_workers, thread_name_prefix="tessera-metrics")
            return self._executor

    def _collect(
        self, scope: Scope, target_id: int, context: MetricsContext, only: Collection[str] | None
    ) -> Dashboard:
        pool = self._pool()
        asked = [category for category in self._providers if only is None or category in only]
        jobs = [(batch, [c for c in batch.categories if c in asked]) for batch in self._batches]
        runs = {
            batch.categories: (batch, categories, _Run())
            for batch, categories in jobs
            if categories and not self._stuck(batch)
        }
        futures = {
            key: pool.submit(self._call, batch, categories, scope, target_id, context, run)
            for key, (batch, categories, run) in runs.items()
        }
        wait(futures.values(), timeout=self._timeout_s)
        answers: Answers = {}
        logged: set[str] = set()
        for key, future in futures.items():
            batch, categories, run = runs[key]
            answers |= self._answers(batch, categories, scope, target_id, future, run, logged)
        categories_out: dict[str, list[MetricValue]] = {}
        unavailable: list[str] = []
        failed: dict[str, Exception] = {}
        for category in asked:
            answer = answers.get(category)
            metrics = self._checked(category, scope, target_id, answer, category in logged)
            if metrics is None:
                unavailable.append(category)
                if isinstance(answer, Exception):
                    failed[category] = answer
            else:
                categories_out[category] = metrics
        return Dashboard(categories=categories_out, unavailable=unavailable, failed=failed)

    def _stuck(self, batch: MetricsBatch) -> bool:
        with self._lock:
            overrunning = self._overrunning[batch.categories]
        if overrunning >= self._overrun_limit:
            logger.warning(
                "metrics provider %s skipped: %d earlier calls are still running",
                _named(batch.categories),
                overrunning,
            )
            return True
        return False

    def _call(
        self,
        batch: MetricsBatch,
        categories: list[str],
        scope: Scope,
        target_id: int,
        context: MetricsContext,
        run: _Run,
    ) -> Answers:
        run.start()
        try:
            with self._sessions.open() as handle:
                run.attach(handle)
                try:
                    return batch.answer(handle.session, scope, target_id, context, categories)
                finally:
                    run.detach()
        finally:
            if run.finish():
                with self._lock:
                    self._overrunning[batch.categories] -= 1

    def _answers(
        self,
        batch: MetricsBatch,
        categories: list[str],
        scope: Scope,
        target_id: int,
        future: Future[Answers],
        run: _Run,
        logged: set[str],
    ) -> Answers:
        """The batch's answers; a batch that overran or failed as a whole answers nothing (what it
        raised, for each category, added to `logged` once logged)."""
        if not future.done():
            future.cancel()  # if still queued, it never runs
            if run.abandon():
                with self._lock:
                    self._overrunning[batch.categories] += 1
            logger.warning(
                "metrics provider %s timed out after %d ms on %s %d",
                _named(categories),
                round(self._timeout_s * 1000),
                scope,
                target_id,
            )
            return {}
        error = future.exception()
        if error is None:
            return future.result()
        if not isinstance(error, Exception):
            return {}
        # One line for the batch, not one per category: a ledger read that fails fails six categories
        # with one error, and six tracebacks per dashboard during an outage buried everything else.
        _log_failure(_named(categories), scope, target_id, error)
        logged.update(categories)
        return dict.fromkeys(categories, error)

    def _checked(
        self,
        category: str,
        scope: Scope,
        target_id: int,
        answer: list[MetricValue] | Exception | None,
        logged: bool,
    ) -> list[MetricValue] | None:
        if answer is None:  # skipped, or timed out: already logged
            return None
        if isinstance(answer, Exception):
            if not logged:
                _log_failure(repr(category), scope, target_id, answer)
            return None
        if not isinstance(answer, list) or not all(isinstance(m, MetricValue) for m in answer):
            logger.warning(
                "metrics provider %r returned %s, not a list of MetricValue", category, type(answer)
            )
            return None
        return answer


def _log_failure(named: str, scope: Scope, target_id: int, error: Exception) -> None:
    logger.warning(
        "metrics provider %s failed on %s %d: %s: %s",
        named,
        scope,
        target_id,
        type(error).__name__,
        error,
        exc_info=error,
    )


def _named(categories: Sequence[str]) -> str:
    return ", ".join(repr(category) for category in categories)
