"""Orders' figures on both dashboards, read from the ledger. `ledger_keys.py` says what each key
holds and which date it counts on.

Money figures are per currency: under these names in the dashboard's reporting currency, and once
more per other currency the shop sold in (`total_revenue_usd`). Revenue is summed as integers and
the average is rounded once, half up, to a whole minor unit.
"""

from __future__ import annotations

from kernel.contracts.ledger import LedgerReading
from kernel.ledger_metrics import LedgerMetrics, Metric
from modules.orders.ledger_keys import (
    AWAITING,
    CANCELLED,
    COUNT,
    CUSTOMERS,
    EARNING,
    NET,
    PENDING,
    REFUNDED,
    REFUNDS,
    REPEAT,
    REVENUE,
    UNITS,
)

__all__ = ("ORDERS_METRICS",)


def _average(reading: LedgerReading) -> int:
    revenue, count = reading.total(REVENUE), reading.total(EARNING)
    return (revenue * 2 + count) // (count * 2) if count else 0


def _cancellation_rate(reading: LedgerReading) -> float:
    """Percent of the orders placed that were cancelled since, to one decimal; 0 without orders."""
    placed = reading.total(COUNT)
    return round(reading.total(CANCELLED) * 100 / placed, 1) if placed else 0.0


ORDERS_METRICS = LedgerMetrics(
    "orders",
    Metric("total", "Orders", COUNT, "Orders of every status, all time", icon="shopping-cart"),
    Metric("total_revenue", "Revenue", REVENUE, "Revenue of orders not cancelled or refunded", unit="cents"),
    Metric(
        "average_order_value",
        "Average order value",
        _average,
        "Revenue divided by the orders that bring revenue, rounded to the minor unit",
        unit="cents",
    ),
    Metric(
        "pending",
        "Pending orders",
        PENDING,
        "Orders awaiting payment now; the trend compares with the period's start",
        icon="clock",
        level=True,
    ),
    Metric(
        "awaiting_shipment",
        "Paid, not shipped",
        AWAITING,
        "Orders paid and not yet shipped now; the trend compares with the period's start",
        icon="truck",
        level=True,
    ),
    Metric(
        "customers_with_orders",
        "Customers with orders",
        CUSTOMERS,
        "Customers with one or more orders at the same vendor, all time",
        icon="users",
    ),
    Metric(
        "repeat_customers",
        "Repeat customers",
        REPEAT,
        "Customers with two or more orders at the same vendor, all time",
        icon="users",
    ),
    Metric(
        "period_orders",
        "Orders in period",
        COUNT,
        "Orders of every status placed in the period",
        period=True,
        icon="shopping-cart",
    ),
    Metric(
        "period_revenue",
        "Revenue in period",
        REVENUE,
        "Revenue of orders placed in the period, less what was refunded of them",
        period=True,
        unit="cents",
    ),
    Metric(
        "period_net_revenue",
        "Net revenue in period",
        NET,
        "Orders placed in the period (cancelled ones left out) less the refunds made in the period",
        period=True,
        unit="cents",
    ),
    Metric(
        "period_cancellation_rate",
        "Cancellation rate",
        _cancellation_rate,
        "Percent of the orders placed in the period that were cancelled",
        period=True,
        unit="%",
        icon="x-circle",
    ),
    Metric(
        "period_units",
        "Units sold in period",
        UNITS,
        "Quantities in the lines of orders placed in the period, cancelled and refunded ones left out",
        period=True,
        icon="package",
    ),
    Metric(
        "period_refunds",
        "Refunds in period",
        REFUNDS,
        "Refunds made in the period, whole or in part, whenever their orders were placed",
        period=True,
        icon="rotate-ccw",
    ),
    Metric(
        "period_refunded",
        "Refunded in period",
        REFUNDED,
        "Money given back by the refunds made in the period",
        period=True,
        unit="cents",
    ),
    reads=(
        EARNING,
        CANCELLED,
    ),  # the average divides revenue by the orders bringing it; the rate, cancellations
)
