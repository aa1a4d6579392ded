"""Collect one dashboard from every enabled category, whatever some of them do.

Unlike a plugin hook that aborts on the first failure, the aggregator isolates each batch it is
given (`kernel/metrics_batch.py`: the ledger's categories, read at once, or one provider alone):
each runs on its own worker thread with its own session, all at once, under one deadline. A batch
that raises or overruns is logged with its categories, listed as unavailable, and its running
statement is interrupted so its connection returns to the pool; every other category is still
returned, in the order of the modules. Each category's outcome (its batch's time, or why it is
unavailable) goes to the `DashboardObserver` it is given, for the service's own metrics; an
observer that raises is logged and the dashboard answered all the same.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Collection, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kernel.contracts.dashboard_observer import NO_OBSERVER, DashboardObserver, FailureReason
from kernel.metrics import MetricValue
from kernel.metrics_batch import Answers, MetricsBatch
from kernel.provider_run import ProviderRun

if TYPE_CHECKING:
    from datetime import date

    from kernel.context import MetricsContext, Owner
    from kernel.contracts.sessions import InterruptibleSessions

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
    days: Mapping[date, Mapping[str, int]] | None = None
    """The context's `day_keys` per local day, when asked and the batch reading them answered."""


class StatsAggregator:
    """Runs the batches it is given; it never looks for modules or providers itself. `order` lists
    the categories in the order dashboards show them (default: the batches' order)."""

    def __init__(
        self,
        batches: Sequence[MetricsBatch],
        sessions: InterruptibleSessions,
        *,
        timeout_s: float,
        max_workers: int = 32,
        order: Sequence[str] = (),
        observer: DashboardObserver = NO_OBSERVER,
    ) -> None:
        given = [category for batch in batches for category in batch.categories]
        if duplicates := sorted({c for c in given if given.count(c) > 1}):
            raise ValueError(f"two metrics providers claim the same category: {', '.join(duplicates)}")
        if order and sorted(order) != sorted(given):
            raise ValueError(f"the batches answer {sorted(given)}, not the categories {sorted(order)}")
        self._categories = list(order or given)
        self._sessions = sessions
        self._observer = observer
        self._timeout_s = timeout_s
        self._max_workers = max_workers
        self._executor: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()
        # Calls abandoned at their deadline but still running (a provider can ignore interrupts,
        # e.g. by sleeping in Python). Past this many, a category is skipped rather than allowed to
        # take every worker thread from the healthy ones.
        self._batches = list(batches)
        self._overrunning = {batch.categories: 0 for batch in self._batches}
        self._overrun_limit = max(1, max_workers // (len(self._batches) + 1))

    @property
    def categories(self) -> list[str]:
        return list(self._categories)

    def vendor_dashboard(
        self,
        vendor_id: int,
        context: MetricsContext,
        only: Collection[str] | None = None,
        sessions: InterruptibleSessions | None = None,
    ) -> Dashboard:
        """`only` names the categories to ask (those switched on for the request's platform);
        the others are neither asked nor listed as unavailable. `None` asks every provider.
        `sessions`: where this dashboard reads (a replica, say), instead of the aggregator's own."""
        return self._collect(("vendor", vendor_id), context, only, sessions or self._sessions)

    def platform_dashboard(
        self,
        platform_id: int,
        context: MetricsContext,
        only: Collection[str] | None = None,
        sessions: InterruptibleSessions | None = None,
    ) -> Dashboard:
        return self._collect(("platform", platform_id), context, only, sessions or self._sessions)

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
        self,
        owner: Owner,
        context: MetricsContext,
        only: Collection[str] | None,
        sessions: InterruptibleSessions,
    ) -> Dashboard:
        pool = self._pool()
        asked = [category for category in self._categories if only is None or category in only]
        jobs = [(batch, [c for c in batch.categories if c in asked]) for batch in self._batches]
        runs = {
            batch.categories: (batch, categories, ProviderRun())
            for batch, categories in jobs
            if categories and not self._stuck(batch)
        }
        futures = {
            key: pool.submit(self._call, batch, categories, owner, context, run, sessions)
            for key, (batch, categories, run) in runs.items()
        }
        wait(futures.values(), timeout=self._timeout_s)
        answers: Answers = Answers()
        logged: set[str] = set()
        for key, future in futures.items():
            batch, categories, run = runs[key]
            answered = self._answers(batch, categories, owner, future, run, logged)
            answers |= answered
            answers.days = answered.days if answered.days is not None else answers.days
        categories_out: dict[str, list[MetricValue]] = {}
        unavailable: list[str] = []
        failed: dict[str, Exception] = {}
        ran = {category: run for _, categories, run in runs.values() for category in categories}
        for category in asked:
            answer, category_run = answers.get(category), ran.get(category)
            metrics = self._checked(category, owner, answer, category in logged)
            if metrics is None:
                unavailable.append(category)
                _tell(self._observer.category_failed, category, _reason(answer, category_run))
                if isinstance(answer, Exception):
                    failed[category] = answer
            else:
                categories_out[category] = metrics
                seconds = (category_run and category_run.seconds) or 0.0
                _tell(self._observer.category_answered, category, seconds)
        return Dashboard(categories_out, unavailable, failed, answers.days)

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
        owner: Owner,
        context: MetricsContext,
        run: ProviderRun,
        sessions: InterruptibleSessions,
    ) -> Answers:
        run.start()
        started = time.monotonic()
        try:
            with sessions.open() as handle:
                run.attach(handle)
                try:
                    answers = batch.answer(handle.session, owner, context, categories)
                    run.seconds = time.monotonic() - started
                    return answers
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
        owner: Owner,
        future: Future[Answers],
        run: ProviderRun,
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
                *owner,
            )
            return Answers()
        error = future.exception()
        if error is None:
            return future.result()
        if not isinstance(error, Exception):
            return Answers()
        # One line for the batch, not one per category: a ledger read that fails fails six categories
        # with one error, and six tracebacks per dashboard during an outage buried everything else.
        _log_failure(_named(categories), owner, error)
        logged.update(categories)
        return Answers(dict.fromkeys(categories, error))

    def _checked(
        self,
        category: str,
        owner: Owner,
        answer: list[MetricValue] | Exception | None,
        logged: bool,
    ) -> list[MetricValue] | None:
        if answer is None:  # skipped, or timed out: already logged
            return None
        if isinstance(answer, Exception):
            if not logged:
                _log_failure(repr(category), owner, answer)
            return None
        if not isinstance(answer, list) or not all(isinstance(m, MetricValue) for m in answer):
            logger.warning(
                "metrics provider %r returned %s, not a list of MetricValue", category, type(answer)
            )
            return None
        return answer


def _reason(answer: object, run: ProviderRun | None) -> FailureReason:
    """Why a category gave no metrics, for the observer."""
    if isinstance(answer, Exception):
        return "error"
    if run is None:
        return "skipped"
    return "timeout" if answer is None and run.seconds is None else "invalid"


def _tell(observe: Callable[[str, Any], None], category: str, outcome: float | FailureReason) -> None:
    """Counting a category is not worth its figures: an observer that raises is logged, not obeyed."""
    try:
        observe(category, outcome)
    except Exception:
        logger.warning("dashboard observer failed on category %r", category, exc_info=True)


def _log_failure(named: str, owner: Owner, error: Exception) -> None:
    logger.warning(
        "metrics provider %s failed on %s %d: %s: %s",
        named,
        *owner,
        type(error).__name__,
        error,
        exc_info=error,
    )


def _named(categories: Sequence[str]) -> str:
    return ", ".join(repr(category) for category in categories)
