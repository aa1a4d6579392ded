"""Inventory's figures on both dashboards, read from the ledger: units held, products running low or
out, and what the stock is worth. `ledger_keys.py` says what each key holds and how writes keep it.

Stock is a snapshot, not a flow: these figures describe the stock as it is now, so none of them
depends on the dashboard's period and none carries a trend. Value is units times the product's
current price in integer cents, exact.
"""

from __future__ import annotations

from kernel.ledger_metrics import LedgerMetrics, Metric
from modules.inventory.ledger_keys import LOW, OUT, UNITS, VALUE

__all__ = ("INVENTORY_METRICS",)

INVENTORY_METRICS = LedgerMetrics(
    "inventory",
    Metric("units_in_stock", "Units in stock", UNITS, "Units held, all locations", icon="boxes"),
    Metric(
        "low_stock_products",
        "Low on stock",
        LOW,
        "Products with units left, but no more than their reorder thresholds added up",
        icon="alert-triangle",
    ),
    Metric(
        "out_of_stock_products",
        "Out of stock",
        OUT,
        "Products with stock records whose units add up to zero",
        icon="x-circle",
    ),
    Metric("stock_value", "Stock value", VALUE, "Units held times their current price", unit="cents"),
)
