"""Inventory's figures for a vendor or a platform, from the figures ledger: units held, products
running low or out, and what the stock is worth. `modules/inventory/figures.py` says what the ledger
holds and how each write keeps it.

Stock is a snapshot, not a flow: these figures describe the stock as it is now, so none of them
depends on the dashboard's period and none carries a trend. Value is units times the product's
current price in integer cents, exact.
"""

from __future__ import annotations

from kernel.context import MetricsContext
from kernel.contracts.figures import LedgerFigures
from kernel.ledger_metrics import LedgerMetrics
from kernel.metrics import MetricValue
from modules.inventory.figures import KEYS, LOW, OUT, UNITS, VALUE

__all__ = ("InventoryMetricsProvider",)


class InventoryMetricsProvider(LedgerMetrics):
    metrics_category = "inventory"
    keys = KEYS

    def metrics(self, figures: LedgerFigures, context: MetricsContext) -> list[MetricValue]:
        return [
            self.count(
                "units_in_stock",
                figures.total(UNITS),
                "Units in stock",
                icon="boxes",
                description="Units held, all locations",
            ),
            self.count(
                "low_stock_products",
                figures.total(LOW),
                "Low on stock",
                icon="alert-triangle",
                description="Products with units left, but no more than their reorder thresholds added up",
            ),
            self.count(
                "out_of_stock_products",
                figures.total(OUT),
                "Out of stock",
                icon="x-circle",
                description="Products with stock records whose units add up to zero",
            ),
            self.cents(
                "stock_value",
                figures.total(VALUE),
                "Stock value",
                description="Units held times their current price",
            ),
        ]
