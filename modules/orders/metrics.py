"""Orders' figures on both dashboards, read from the ledger: counts and revenue, all time and in the
period, refunds in the period, pending orders, customers with orders and repeat customers.
`ledger_keys.py` says what each key holds.

Revenue is summed as integers and the average is rounded once, half up, to a whole cent.
"""

from __future__ import annotations

from kernel.contracts.ledger import LedgerReading
from kernel.ledger_metrics import LedgerMetrics, Metric
from modules.orders.ledger_keys import (
    COUNT,
    CUSTOMERS,
    EARNING,
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


ORDERS_METRICS = LedgerMetrics(
    "orders",
    Metric("total", "Orders", COUNT, "Orders of every status, all time", icon="shopping-cart"),
    Metric("total_revenue", "Revenue", REVENUE, "Revenue of orders not cancelled or refunded", unit="cents"),
    Metric(
        "average_order_value",
        "Average order value",
        _average,
        "Revenue divided by the orders that bring revenue, rounded to the cent",
        unit="cents",
    ),
    Metric("pending", "Pending orders", PENDING, "Orders awaiting payment", icon="clock"),
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
        "Revenue of orders placed in the period",
        period=True,
        unit="cents",
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
    reads=(EARNING,),  # the average divides revenue by the orders that bring it
)
