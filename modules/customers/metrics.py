"""Customers' figures on both dashboards, read from the ledger: all of them, and the new ones in the
period. `ledger_keys.py` says what the key holds."""

from __future__ import annotations

from kernel.ledger_metrics import LedgerMetrics, Metric
from modules.customers.ledger_keys import COUNT

__all__ = ("CUSTOMERS_METRICS",)

CUSTOMERS_METRICS = LedgerMetrics(
    "customers",
    Metric("total", "Customers", COUNT, "Customers recorded, all time", icon="users"),
    Metric(
        "new_in_period",
        "New customers",
        COUNT,
        "Customers recorded in the period",
        period=True,
        icon="user-plus",
    ),
)
