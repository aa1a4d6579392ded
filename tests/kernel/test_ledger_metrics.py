"""A metrics table turns a ledger reading into a dashboard's figures: totals, period sums with their
trends, derived figures, money in cents, and each dashboard's own list where they differ."""

from __future__ import annotations

from datetime import date

import pytest

from kernel.context import MetricsContext
from kernel.contracts.ledger import LedgerReading
from kernel.ledger_metrics import LedgerMetrics, Metric

CONTEXT = MetricsContext(date_from=date(2026, 6, 1), date_to=date(2026, 6, 30), include_trends=True)
READING = LedgerReading(
    totals={"shop.sales": 7, "shop.cents": 1001, "shop.paid": 2},
    window={"shop.sales": 3},
    previous={"shop.sales": 2},
)


def _per_paid(reading: LedgerReading) -> int:
    return reading.total("shop.cents") // reading.total("shop.paid")


SHOP = LedgerMetrics(
    "shop",
    Metric("sales", "Sales", "shop.sales", "Sales, all time", icon="cart"),
    Metric("sales_in_period", "Sales in period", "shop.sales", "Sales in the period", period=True),
    Metric("revenue", "Revenue", "shop.cents", "What the sales brought", unit="cents"),
    Metric("per_paid", "Per paid sale", _per_paid, "Revenue per paid sale", unit="cents"),
    platform=(Metric("sales", "Sales", "shop.sales", "Sales of every vendor"),),
    reads=("shop.paid",),
)


def test_each_row_is_one_figure_keyed_by_its_category() -> None:
    shown = SHOP.metrics("vendor", READING, CONTEXT)
    assert [(m.key, m.value, m.trend, m.trend_value) for m in shown] == [
        ("shop.sales", 7, None, None),
        ("shop.sales_in_period", 3, "up", 50.0),
        ("shop.revenue", 1001, None, None),
        ("shop.per_paid", 500, None, None),
    ]
    assert (shown[0].icon, shown[0].unit, shown[1].icon) == ("cart", "count", "hash")
    assert (shown[2].icon, shown[2].unit, shown[2].description) == (
        "euro",
        "cents",
        "What the sales brought, in EUR cents",
    )


def test_the_platform_dashboard_may_show_its_own_rows() -> None:
    [sales] = SHOP.metrics("platform", READING, CONTEXT)
    assert (sales.key, sales.value, sales.description) == ("shop.sales", 7, "Sales of every vendor")


def test_the_table_reads_the_keys_its_rows_name_and_those_derived_figures_read() -> None:
    assert SHOP.keys == ("shop.cents", "shop.paid", "shop.sales")


def test_a_period_figure_reads_one_key() -> None:
    with pytest.raises(ValueError, match="a period figure reads one key"):
        LedgerMetrics("shop", Metric("odd", "Odd", _per_paid, "Derived", period=True))
