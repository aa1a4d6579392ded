"""What the aggregator tells its `DashboardObserver`: each category's batch time, or why it gave
nothing (error, timeout, skipped, invalid)."""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

import pytest

from kernel.aggregator import StatsAggregator
from kernel.context import MetricsContext
from kernel.metrics_batch import OneProvider
from tests.fakes.dashboard_observer import RaisingObserver, RecordingObserver
from tests.fakes.providers import FailingProvider, FixedProvider, SleepingProvider, WrongShapeProvider
from tests.fakes.sessions import FakeSessions

CONTEXT = MetricsContext(date_from=date(2026, 6, 1), date_to=date(2026, 6, 30))


def _aggregator(*providers: Any, observer: RecordingObserver, timeout_s: float = 2.0) -> StatsAggregator:
    batches = [OneProvider(provider) for provider in providers]
    return StatsAggregator(batches, FakeSessions(), timeout_s=timeout_s, max_workers=2, observer=observer)


def test_answers_and_failures_are_told_by_category() -> None:
    observer = RecordingObserver()
    _aggregator(
        FixedProvider("tenancy"), FailingProvider("orders"), WrongShapeProvider("cms"), observer=observer
    ).vendor_dashboard(1, CONTEXT)
    assert [category for category, _ in observer.answered] == ["tenancy"]
    assert all(seconds >= 0 for _, seconds in observer.answered)
    assert observer.failed == [("orders", "error"), ("cms", "invalid")]


def test_a_timeout_then_a_skip_while_it_still_runs() -> None:
    observer = RecordingObserver()
    slow = SleepingProvider("orders", seconds=1.0)
    aggregator = _aggregator(slow, observer=observer, timeout_s=0.05)
    aggregator.vendor_dashboard(1, CONTEXT)  # overruns, and keeps running past its deadline
    aggregator.vendor_dashboard(1, CONTEXT)  # one overrun is the limit with two workers: skipped
    assert observer.failed == [("orders", "timeout"), ("orders", "skipped")]
    assert observer.answered == []
    assert slow.finished.wait(5)


def test_an_observer_that_raises_costs_no_figure(caplog: pytest.LogCaptureFixture) -> None:
    observer = RaisingObserver()
    batches = [OneProvider(FixedProvider("tenancy")), OneProvider(FailingProvider("orders"))]
    aggregator = StatsAggregator(batches, FakeSessions(), timeout_s=2.0, max_workers=2, observer=observer)
    with caplog.at_level(logging.WARNING, "tessera.metrics"):
        dashboard = aggregator.vendor_dashboard(1, CONTEXT)
    assert list(dashboard.categories) == ["tenancy"]
    assert dashboard.unavailable == ["orders"]
    assert observer.calls == 2
    told = [r for r in caplog.records if r.getMessage().startswith("dashboard observer failed")]
    assert [r.getMessage() for r in told] == [
        "dashboard observer failed on category 'tenancy'",
        "dashboard observer failed on category 'orders'",
    ]
    assert all(r.levelno == logging.WARNING and r.exc_info for r in told)
