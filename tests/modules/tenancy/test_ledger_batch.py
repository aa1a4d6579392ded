"""The ledger's batch answers every category on the ledger with one read on one session, yet each
category still fails alone; the batches the root wires beside it are asked as before, and the
dashboard keeps the modules' order whichever batch answers a category."""

from __future__ import annotations

import logging
import threading
from collections.abc import Collection
from datetime import date
from typing import Any

import pytest

from kernel.aggregator import StatsAggregator
from kernel.context import MetricsContext, Owner
from kernel.contracts.ledger import LedgerReading
from kernel.ledger_metrics import LedgerMetrics, Metric
from kernel.metrics_batch import MetricsBatch, OneProvider
from modules.tenancy.ledger import LedgerBatch
from tests.fakes.providers import FixedProvider
from tests.fakes.sessions import FakeSessions

CONTEXT = MetricsContext(date_from=date(2026, 6, 1), date_to=date(2026, 6, 30))


class Reader:
    """A ledger holding `totals`; records every read, and can be made to fail."""

    def __init__(self, totals: dict[str, int], *, fails: bool = False) -> None:
        self.totals, self.fails = totals, fails
        self.reads: list[tuple[Owner, Any, list[str]]] = []
        self._lock = threading.Lock()

    def read(
        self,
        db: Any,
        owner: Owner,
        keys: Collection[str],
        context: Any,
        prefixes: Collection[str] = (),
        day_keys: Collection[str] = (),
        day_prefixes: Collection[str] = (),
    ) -> LedgerReading:
        with self._lock:
            self.reads.append((owner, db, sorted(keys)))
        if self.fails:
            raise ConnectionError("the ledger is unreachable")
        return LedgerReading(totals={key: self.totals[key] for key in keys})


def _broken(reading: LedgerReading) -> int:
    raise ValueError("no such figure")


ORDERS = LedgerMetrics(
    "orders",
    Metric("total", "Orders", "orders.count", "All orders", icon="cart"),
    Metric("revenue", "Revenue", "orders.revenue", "All revenue", unit="cents"),
)
PAGES = LedgerMetrics("cms", Metric("pages", "Pages", "cms.pages", "All pages", icon="file"))
BROKEN_PAGES = LedgerMetrics("cms", Metric("pages", "Pages", _broken, "All pages"), reads=("cms.pages",))
TOTALS = {"orders.count": 3, "orders.revenue": 12_345, "cms.pages": 4}


def _aggregator(
    *batches: MetricsBatch, sessions: FakeSessions | None = None, order: tuple[str, ...] = ()
) -> StatsAggregator:
    return StatsAggregator(
        list(batches), sessions or FakeSessions(), timeout_s=2.0, max_workers=8, order=order
    )


def _values(dashboard: Any) -> dict[str, list[int]]:
    return {category: [m.value for m in metrics] for category, metrics in dashboard.categories.items()}


def test_the_ledger_categories_are_answered_by_one_read_on_one_session() -> None:
    reader, sessions = Reader(TOTALS), FakeSessions()
    tenancy = OneProvider(FixedProvider("tenancy", 9))
    ledger = LedgerBatch(reader, [ORDERS, PAGES])
    dashboard = _aggregator(tenancy, ledger, sessions=sessions).vendor_dashboard(5, CONTEXT)
    assert _values(dashboard) == {"tenancy": [9], "orders": [3, 12_345], "cms": [4]}
    assert dashboard.unavailable == []
    [(owner, session, keys)] = reader.reads
    assert (owner, keys) == (("vendor", 5), ["cms.pages", "orders.count", "orders.revenue"])
    assert len(sessions.opened) == 2  # tenancy's, and the one the batch read on
    assert session in {handle.session for handle in sessions.opened}


def test_the_dashboard_keeps_the_modules_order_around_a_batch() -> None:
    reader = Reader(TOTALS)
    batches = (LedgerBatch(reader, [ORDERS, PAGES]), OneProvider(FixedProvider("tenancy")))
    order = ("orders", "tenancy", "cms")
    dashboard = _aggregator(*batches, order=order).platform_dashboard(2, CONTEXT)
    assert list(dashboard.categories) == ["orders", "tenancy", "cms"]
    assert [read[0] for read in reader.reads] == [("platform", 2)]


def test_the_order_must_name_exactly_the_categories_the_batches_answer() -> None:
    with pytest.raises(ValueError, match="not the categories"):
        _aggregator(LedgerBatch(Reader(TOTALS), [ORDERS]), order=("orders", "cms"))


def test_a_category_whose_figures_fail_is_unavailable_alone(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="tessera.metrics")
    dashboard = _aggregator(LedgerBatch(Reader(TOTALS), [ORDERS, BROKEN_PAGES])).vendor_dashboard(5, CONTEXT)
    assert (_values(dashboard), dashboard.unavailable) == ({"orders": [3, 12_345]}, ["cms"])
    [record] = caplog.records
    assert "'cms' failed on vendor 5: ValueError: no such figure" in record.getMessage()


def test_a_failed_read_takes_its_batch_but_nothing_else(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="tessera.metrics")
    ledger = LedgerBatch(Reader(TOTALS, fails=True), [ORDERS, PAGES])
    dashboard = _aggregator(ledger, OneProvider(FixedProvider("tenancy", 1))).vendor_dashboard(5, CONTEXT)
    assert (_values(dashboard), dashboard.unavailable) == ({"tenancy": [1]}, ["orders", "cms"])
    # one line for the read that failed, naming every category it took: not one traceback each
    assert [r.getMessage().split(" failed")[0] for r in caplog.records] == [
        "metrics provider 'orders', 'cms'"
    ]


def test_only_the_asked_categories_keys_are_read() -> None:
    reader = Reader(TOTALS)
    dashboard = _aggregator(LedgerBatch(reader, [ORDERS, PAGES])).vendor_dashboard(5, CONTEXT, only={"cms"})
    assert (_values(dashboard), dashboard.unavailable) == ({"cms": [4]}, [])
    assert [read[2] for read in reader.reads] == [["cms.pages"]]
