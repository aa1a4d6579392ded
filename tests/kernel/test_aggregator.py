"""The aggregator with fake providers, each asked alone (`OneProvider`), and fake sessions: isolation,
order, timeouts, concurrency."""

from __future__ import annotations

import logging
import threading
from datetime import date
from typing import Any

import pytest

from kernel.aggregator import StatsAggregator
from kernel.context import MetricsContext
from kernel.metrics import MetricValue
from kernel.metrics_batch import OneProvider
from tests.fakes.providers import FailingProvider, FixedProvider, SleepingProvider, WrongShapeProvider
from tests.fakes.sessions import FakeSessions

CONTEXT = MetricsContext(date_from=date(2026, 6, 1), date_to=date(2026, 6, 30))


def _aggregator(
    *providers: Any, timeout_s: float = 2.0, sessions: FakeSessions | None = None
) -> StatsAggregator:
    batches = [OneProvider(provider) for provider in providers]
    return StatsAggregator(batches, sessions or FakeSessions(), timeout_s=timeout_s, max_workers=8)


def test_every_category_in_provider_order_with_its_own_session() -> None:
    sessions = FakeSessions()
    first, second, third = FixedProvider("tenancy", 1), FixedProvider("orders", 2), FixedProvider("cms", 3)
    dashboard = _aggregator(first, second, third, sessions=sessions).vendor_dashboard(42, CONTEXT)
    assert list(dashboard.categories) == ["tenancy", "orders", "cms"]
    assert [m[0].value for m in dashboard.categories.values()] == [1, 2, 3]
    assert dashboard.unavailable == []
    assert first.calls == [("vendor", 42, CONTEXT)]
    assert len({handle.session for handle in sessions.opened}) == 3
    assert sessions.open_now == 0


def test_platform_dashboards_call_the_platform_method() -> None:
    provider = FixedProvider("orders")
    _aggregator(provider).platform_dashboard(7, CONTEXT)
    assert provider.calls == [("platform", 7, CONTEXT)]


def test_only_the_named_categories_are_asked_and_the_rest_are_not_unavailable() -> None:
    """What a platform switched off is neither called nor reported missing."""
    tenancy, orders, cms = FixedProvider("tenancy"), FailingProvider("orders"), FixedProvider("cms")
    aggregator = _aggregator(tenancy, orders, cms)
    dashboard = aggregator.platform_dashboard(7, CONTEXT, only={"tenancy", "cms", "not-installed"})
    assert (list(dashboard.categories), dashboard.unavailable) == (["tenancy", "cms"], [])
    assert orders.calls == []
    assert list(aggregator.vendor_dashboard(1, CONTEXT, only=frozenset()).categories) == []


def test_a_failing_provider_is_logged_and_listed_while_the_others_answer(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, logger="tessera.metrics")
    dashboard = _aggregator(
        FixedProvider("tenancy"), FailingProvider("orders"), FixedProvider("cms")
    ).vendor_dashboard(1, CONTEXT)
    assert list(dashboard.categories) == ["tenancy", "cms"]
    assert dashboard.unavailable == ["orders"]
    [record] = caplog.records
    assert "'orders' failed on vendor 1: RuntimeError: the warehouse is on fire" in record.getMessage()


def test_a_provider_returning_the_wrong_shape_is_unavailable() -> None:
    dashboard = _aggregator(WrongShapeProvider("orders"), FixedProvider("cms")).vendor_dashboard(1, CONTEXT)
    assert (list(dashboard.categories), dashboard.unavailable) == (["cms"], ["orders"])


def test_a_slow_provider_is_abandoned_interrupted_and_its_session_released(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, logger="tessera.metrics")
    sessions = FakeSessions()
    slow = SleepingProvider("orders", seconds=1.0)
    dashboard = _aggregator(
        FixedProvider("tenancy"), slow, timeout_s=0.05, sessions=sessions
    ).vendor_dashboard(3, CONTEXT)
    assert not slow.finished.is_set()  # the dashboard did not wait for it
    assert (list(dashboard.categories), dashboard.unavailable) == (["tenancy"], ["orders"])
    assert "'orders' timed out after 50 ms on vendor 3" in caplog.text
    slow_handle = next(handle for handle in sessions.opened if handle.interrupted.is_set())
    assert slow_handle is not None
    assert slow.finished.wait(5)
    for _ in range(100):  # the worker closes its session just after the provider returns
        if sessions.open_now == 0:
            break
        threading.Event().wait(0.01)
    assert sessions.open_now == 0


def test_providers_run_at_the_same_time() -> None:
    """Each provider waits for the other at a barrier: run one after the other, both would fail."""
    barrier = threading.Barrier(2, timeout=5)

    class Meeting(FixedProvider):
        def get_vendor_metrics(self, db: Any, vendor_id: int, context: MetricsContext) -> list[MetricValue]:
            barrier.wait()
            return super().get_vendor_metrics(db, vendor_id, context)

    dashboard = _aggregator(Meeting("tenancy"), Meeting("orders"), timeout_s=10).vendor_dashboard(1, CONTEXT)
    assert dashboard.unavailable == []


def test_two_providers_may_not_claim_one_category() -> None:
    with pytest.raises(ValueError, match="two metrics providers claim the same category: orders"):
        _aggregator(FixedProvider("orders"), FixedProvider("orders"))


def test_a_provider_that_ignores_interrupts_cannot_take_every_worker() -> None:
    """Its abandoned calls keep their threads; past a share of the pool it is skipped, not queued."""
    sleeper = SleepingProvider("orders", seconds=1.0)
    healthy = FixedProvider("tenancy")
    aggregator = _aggregator(
        healthy, sleeper, timeout_s=0.05
    )  # 8 workers: 8 // 3 = 2 overrunning calls at most
    first = aggregator.vendor_dashboard(1, CONTEXT)
    second = aggregator.vendor_dashboard(1, CONTEXT)
    third = aggregator.vendor_dashboard(1, CONTEXT)
    assert [d.unavailable for d in (first, second, third)] == [["orders"], ["orders"], ["orders"]]
    assert [list(d.categories) for d in (first, second, third)] == [["tenancy"]] * 3
    assert len(healthy.calls) == 3
    assert sleeper.started == 2  # the third dashboard did not give it a thread
    assert sleeper.finished.wait(5)
    for _ in range(250):  # once its calls have returned, it is asked again
        aggregator.vendor_dashboard(1, CONTEXT)
        if sleeper.started == 3:
            break
        threading.Event().wait(0.02)
    assert sleeper.started == 3
