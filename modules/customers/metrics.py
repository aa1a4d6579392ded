"""Customers' figures for a vendor or a platform: all of them, and the new ones in the period.

One SELECT with conditional counts over the vendor's (or the platform's active vendors') customers.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import Session

from kernel.context import MetricsContext
from kernel.metrics import MetricValue, with_trend
from kernel.vendor_figures import VendorFigures
from modules.customers.models import Customer

__all__ = ("CustomersMetricsProvider",)

CATEGORY = "customers"


class CustomersMetricsProvider(VendorFigures):
    metrics_category = CATEGORY
    vendor_column = Customer.vendor_id

    def figures(self, db: Session, scope: ColumnElement[bool], context: MetricsContext) -> list[MetricValue]:
        row = db.execute(
            select(
                func.count(),
                func.count(case((context.window.includes(Customer.created_at), 1))),
                func.count(case((context.previous_window.includes(Customer.created_at), 1))),
            ).where(scope)
        ).one()
        total, new, previous = (int(value) for value in row)
        return [
            self.count("total", total, "Customers", icon="users", description="Customers recorded, all time"),
            with_trend(
                self.count(
                    "new_in_period",
                    new,
                    "New customers",
                    icon="user-plus",
                    description="Customers recorded in the period",
                ),
                previous,
                context.include_trends,
            ),
        ]
