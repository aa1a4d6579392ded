"""Catalog's figures for a vendor or a platform, from the figures ledger: how many products, how many
on sale or featured, and how many were added in the period. One statement over a handful of ledger
rows, whatever the number of products; `modules/catalog/figures.py` says what the ledger holds.
"""

from __future__ import annotations

from kernel.context import MetricsContext
from kernel.contracts.figures import LedgerFigures
from kernel.ledger_metrics import LedgerMetrics
from kernel.metrics import MetricValue, with_trend
from modules.catalog.figures import ACTIVE, FEATURED, KEYS, PRODUCTS

__all__ = ("CatalogMetricsProvider",)


class CatalogMetricsProvider(LedgerMetrics):
    metrics_category = "catalog"
    keys = KEYS

    def metrics(self, figures: LedgerFigures, context: MetricsContext) -> list[MetricValue]:
        return [
            self.count(
                "products_total",
                figures.total(PRODUCTS),
                "Products",
                icon="package",
                description="Products, active or not",
            ),
            self.count(
                "products_active",
                figures.total(ACTIVE),
                "Active products",
                icon="package",
                description="Products on sale",
            ),
            self.count(
                "products_featured",
                figures.total(FEATURED),
                "Featured products",
                icon="star",
                description="Active products marked as featured",
            ),
            with_trend(
                self.count(
                    "new_in_period",
                    figures.in_window(PRODUCTS),
                    "New products",
                    icon="package-plus",
                    description="Products added in the period, active or not",
                ),
                figures.before_window(PRODUCTS),
                context.include_trends,
            ),
        ]
