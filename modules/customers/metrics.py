"""Customers' figures for a vendor or a platform, from the figures ledger: all of them, and the new
ones in the period. `modules/customers/figures.py` says what the ledger holds."""

from __future__ import annotations

from kernel.context import MetricsContext
from kernel.contracts.figures import LedgerFigures
from kernel.ledger_metrics import LedgerMetrics
from kernel.metrics import MetricValue, with_trend
from modules.customers.figures import COUNT, KEYS

__all__ = ("CustomersMetricsProvider",)


class CustomersMetricsProvider(LedgerMetrics):
    metrics_category = "customers"
    keys = KEYS

    def metrics(self, figures: LedgerFigures, context: MetricsContext) -> list[MetricValue]:
        return [
            self.count(
                "total",
                figures.total(COUNT),
                "Customers",
                icon="users",
                description="Customers recorded, all time",
            ),
            with_trend(
                self.count(
                    "new_in_period",
                    figures.in_window(COUNT),
                    "New customers",
                    icon="user-plus",
                    description="Customers recorded in the period",
                ),
                figures.before_window(COUNT),
                context.include_trends,
            ),
        ]
