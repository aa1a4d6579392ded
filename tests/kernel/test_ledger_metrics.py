"""A metrics table turns a ledger reading into a dashboard's figures: totals, period sums with their
trends, derived figures, money in cents, and each dashboard's own list where they differ."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from kernel.context import MetricsContext
from kernel.contracts.ledger import LedgerReading
from kernel.ledger_metrics import LedgerMetrics, Metric, currency_key

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
    assert (shown[2].icon, shown[2].unit, shown[2].description, shown[2].currency) == (
        "euro",
        "cents",
        "What the sales brought, in EUR minor units",
        "EUR",
    )
    assert shown[0].currency is None


def test_the_platform_dashboard_may_show_its_own_rows() -> None:
    [sales] = SHOP.metrics("platform", READING, CONTEXT)
    assert (sales.key, sales.value, sales.description) == ("shop.sales", 7, "Sales of every vendor")


def test_the_table_reads_the_keys_its_rows_name_and_those_derived_figures_read() -> None:
    assert SHOP.keys == ("shop.cents", "shop.paid", "shop.sales")


def test_a_derived_period_figure_and_its_trend_are_the_function_of_each_window() -> None:
    rate = LedgerMetrics(
        "shop",
        Metric("rate", "Rate", lambda r: r.total("shop.won") * 100 / r.total("shop.sales"), "", period=True),
    )
    reading = LedgerReading(
        window={"shop.sales": 4, "shop.won": 1}, previous={"shop.sales": 2, "shop.won": 1}
    )
    [shown] = rate.metrics("vendor", reading, CONTEXT)
    assert (shown.value, shown.trend, shown.trend_value) == (25.0, "down", -50.0)


def test_a_level_compares_with_itself_before_the_periods_changes() -> None:
    level = LedgerMetrics("shop", Metric("open", "Open", "shop.open", "Open now", level=True))
    [shown] = level.metrics(
        "vendor", LedgerReading(totals={"shop.open": 6}, window={"shop.open": 2}), CONTEXT
    )
    assert (shown.value, shown.trend, shown.trend_value) == (6, "up", 50.0)  # 6 now, 4 when it began


SALES = currency_key("shop", "sales")
MONEY = LedgerMetrics(
    "shop",
    Metric("count", "Count", "shop.count", "Sales"),
    Metric("revenue", "Revenue", SALES, "Sales", unit="cents"),
    Metric("period_revenue", "Revenue in period", SALES, "Sales in the period", period=True, unit="cents"),
)


def test_money_is_shown_in_the_reporting_currency_and_once_per_other_currency_never_added() -> None:
    reading = LedgerReading(
        totals={"shop.count": 3, "shop.currency.EUR.sales": 1000, "shop.currency.JPY.sales": 1500},
        window={"shop.currency.USD.sales": 250},
    )
    shown = MONEY.metrics("vendor", reading, CONTEXT)
    assert [(m.key, m.value, m.currency, m.label) for m in shown] == [
        ("shop.count", 3, None, "Count"),
        ("shop.revenue", 1000, "EUR", "Revenue"),
        ("shop.period_revenue", 0, "EUR", "Revenue in period"),
        ("shop.revenue_jpy", 1500, "JPY", "Revenue (JPY)"),
        ("shop.period_revenue_jpy", 0, "JPY", "Revenue in period (JPY)"),
        ("shop.revenue_usd", 0, "USD", "Revenue (USD)"),
        ("shop.period_revenue_usd", 250, "USD", "Revenue in period (USD)"),
    ]
    assert MONEY.keys == ("shop.count",)
    assert MONEY.prefixes == ("shop.currency.",)


def test_a_shop_reporting_in_yen_reads_yen_under_the_published_names() -> None:
    reading = LedgerReading(totals={"shop.currency.EUR.sales": 1000, "shop.currency.JPY.sales": 1500})
    shown = MONEY.metrics("vendor", reading, replace(CONTEXT, currency="JPY"))
    assert [(m.key, m.value, m.currency) for m in shown if m.key.endswith("revenue") or "_" in m.key] == [
        ("shop.revenue", 1500, "JPY"),
        ("shop.period_revenue", 0, "JPY"),
        ("shop.revenue_eur", 1000, "EUR"),
        ("shop.period_revenue_eur", 0, "EUR"),
    ]
