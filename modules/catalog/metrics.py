"""Catalog's figures for a vendor or a platform: how many products, how many on sale or featured,
and how many were added in the period.

Everything comes from one SELECT over the vendor's (or platform's) products with conditional
aggregates, so a dashboard costs one round trip here.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, case, func, select, true
from sqlalchemy.orm import Session

from kernel.context import MetricsContext
from kernel.metrics import MetricValue, with_trend
from kernel.vendor_figures import VendorFigures
from modules.catalog.models import Product

__all__ = ("CatalogMetricsProvider",)

CATEGORY = "catalog"


class CatalogMetricsProvider(VendorFigures):
    metrics_category = CATEGORY
    vendor_column = Product.vendor_id

    def figures(self, db: Session, scope: ColumnElement[bool], context: MetricsContext) -> list[MetricValue]:
        active = Product.is_active == true()
        row = db.execute(
            select(
                func.count(),
                func.count(case((active, 1))),
                func.count(case((and_(active, Product.is_featured == true()), 1))),
                func.count(case((context.window.includes(Product.created_at), 1))),
                func.count(case((context.previous_window.includes(Product.created_at), 1))),
            ).where(scope)
        ).one()
        total, on_sale, featured, period, previous = (int(v) for v in row)
        return [
            self.count(
                "products_total", total, "Products", icon="package", description="Products, active or not"
            ),
            self.count(
                "products_active", on_sale, "Active products", icon="package", description="Products on sale"
            ),
            self.count(
                "products_featured",
                featured,
                "Featured products",
                icon="star",
                description="Active products marked as featured",
            ),
            with_trend(
                self.count(
                    "new_in_period",
                    period,
                    "New products",
                    icon="package-plus",
                    description="Products added in the period, active or not",
                ),
                previous,
                context.include_trends,
            ),
        ]
