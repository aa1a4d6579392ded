"""Providers on one figures reader are answered by one read on one session, yet each still fails
alone; everything else is asked as before, and the dashboard keeps the providers' order."""

from __future__ import annotations

import logging
import threading
from collections.abc import Collection
from datetime import date
from typing import Any, ClassVar

import pytest

from kernel.aggregator import StatsAggregator
from kernel.context import MetricsContext
from kernel.contracts.figures import LedgerFigures
from kernel.ledger_metrics import LedgerMetrics
from kernel.metrics import MetricValue
from tests.fakes.providers import FixedProvider
from tests.fakes.sessions import FakeSessions

CONTEXT = MetricsContext(date_from=date(2026, 6, 1), date_to=date(2026, 6, 30))


class Reader:
    """A figures store holding `totals`; records every read, and can be made to fail."""

    def __init__(self, totals: dict[str, int], *, fails: bool = False) -> None:
        self.totals, self.fails = totals, fails
        self.reads: list[tuple[str, Any, int, list[str]]] = []
        self._lock = threading.Lock()

    def _read(self, scope: str, db: Any, owner: int, keys: Collection[str]) -> LedgerFigures:
        with self._lock:
            self.reads.append((scope, db, owner, sorted(keys)))
        if self.fails:
            raise ConnectionError("the ledger is unreachable")
        return LedgerFigures(totals={key: self.totals[key] for key in keys})

    def vendor_figures(self, db: Any, vendor_id: int, keys: Collection[str], context: Any) -> LedgerFigures:
        return self._read("vendor", db, vendor_id, keys)

    def platform_figures(
        self, db: Any, platform_id: int, keys: Collection[str], context: Any
    ) -> LedgerFigures:
        return self._read("platform", db, platform_id, keys)


class Orders(LedgerMetrics):
    metrics_category = "orders"
    keys: ClassVar[tuple[str, ...]] = ("orders.count", "orders.revenue")

    def metrics(self, figures: LedgerFigures, context: MetricsContext) -> list[MetricValue]:
        return [
            self.count(
                "total", figures.total("orders.count"), "Orders", icon="cart", description="All orders"
            ),
            self.cents("revenue", figures.total("orders.revenue"), "Revenue", description="All revenue"),
        ]


class Pages(LedgerMetrics):
    metrics_category = "cms"
    keys: ClassVar[tuple[str, ...]] = ("cms.pages",)

    def metrics(self, figures: LedgerFigures, context: MetricsContext) -> list[MetricValue]:
        return [
            self.count("pages", figures.total("cms.pages"), "Pages", icon="file", description="All pages")
        ]


class BrokenPages(Pages):
    def metrics(self, figures: LedgerFigures, context: MetricsContext) -> list[MetricValue]:
        raise ValueError("no such figure")


class OwnReadPages(Pages):
    """Reads its own way: the batch must not skip its `get_vendor_metrics`."""

    metrics_category = "pages"

    def get_vendor_metrics(self, db: Any, vendor_id: int, context: MetricsContext) -> list[MetricValue]:
        return self.metrics(self.figures.vendor_figures(db, vendor_id, ("cms.pages",), context), context)


TOTALS = {"orders.count": 3, "orders.revenue": 12_345, "cms.pages": 4}


def _aggregator(*providers: Any, sessions: FakeSessions | None = None) -> StatsAggregator:
    return StatsAggregator(list(providers), sessions or FakeSessions(), timeout_s=2.0, max_workers=8)


def _values(dashboard: Any) -> dict[str, list[int]]:
    return {category: [m.value for m in metrics] for category, metrics in dashboard.categories.items()}


def test_providers_on_one_reader_are_answered_by_one_read_on_one_session() -> None:
    reader, sessions = Reader(TOTALS), FakeSessions()
    tenancy = FixedProvider("tenancy", 9)
    dashboard = _aggregator(tenancy, Orders(reader), Pages(reader), sessions=sessions).vendor_dashboard(
        5, CONTEXT
    )
    assert _values(dashboard) == {"tenancy": [9], "orders": [3, 12_345], "cms": [4]}
    assert dashboard.unavailable == []
    [(scope, session, owner, keys)] = reader.reads
    assert (scope, owner, keys) == ("vendor", 5, ["cms.pages", "orders.count", "orders.revenue"])
    assert len(sessions.opened) == 2  # tenancy's, and the one the batch read on
    assert session in {handle.session for handle in sessions.opened}


def test_the_dashboard_keeps_the_providers_order_around_a_batch() -> None:
    reader = Reader(TOTALS)
    providers = (Orders(reader), FixedProvider("tenancy"), Pages(reader), FixedProvider("marketplace"))
    dashboard = _aggregator(*providers).platform_dashboard(2, CONTEXT)
    assert list(dashboard.categories) == ["orders", "tenancy", "cms", "marketplace"]
    assert [read[0] for read in reader.reads] == ["platform"]


def test_a_provider_whose_figures_fail_is_unavailable_alone(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="tessera.metrics")
    reader = Reader(TOTALS)
    dashboard = _aggregator(Orders(reader), BrokenPages(reader)).vendor_dashboard(5, CONTEXT)
    assert (_values(dashboard), dashboard.unavailable) == ({"orders": [3, 12_345]}, ["cms"])
    [record] = caplog.records
    assert "'cms' failed on vendor 5: ValueError: no such figure" in record.getMessage()


def test_a_failed_read_takes_its_batch_but_nothing_else(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="tessera.metrics")
    reader = Reader(TOTALS, fails=True)
    dashboard = _aggregator(Orders(reader), FixedProvider("tenancy", 1), Pages(reader)).vendor_dashboard(
        5, CONTEXT
    )
    assert (_values(dashboard), dashboard.unavailable) == ({"tenancy": [1]}, ["orders", "cms"])
    # one line for the read that failed, naming every category it took: not one traceback each
    assert [r.getMessage().split(" failed")[0] for r in caplog.records] == [
        "metrics provider 'orders', 'cms'"
    ]


def test_only_the_asked_categories_keys_are_read() -> None:
    reader = Reader(TOTALS)
    dashboard = _aggregator(Orders(reader), Pages(reader)).vendor_dashboard(5, CONTEXT, only={"cms"})
    assert (_values(dashboard), dashboard.unavailable) == ({"cms": [4]}, [])
    assert [read[3] for read in reader.reads] == [["cms.pages"]]


def test_providers_on_different_readers_or_with_their_own_read_are_asked_apart() -> None:
    first, second = Reader(TOTALS), Reader(TOTALS)
    dashboard = _aggregator(Orders(first), Pages(second), OwnReadPages(first)).vendor_dashboard(5, CONTEXT)
    assert _values(dashboard) == {"orders": [3, 12_345], "cms": [4], "pages": [4]}
    assert sorted(read[3] for read in first.reads) == [["cms.pages"], ["orders.count", "orders.revenue"]]
    assert [read[3] for read in second.reads] == [["cms.pages"]]
