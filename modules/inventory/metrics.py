"""Inventory's figures for a vendor or a platform: units held, products running low or out, and
what the stock is worth.

Stock is a snapshot, not a flow: these figures describe the stock as it is now, so none of them
depends on the dashboard's period and none carries a trend.

Everything is one SELECT: stock rows are summed per product (joined to catalog's prices, which the
catalog contract hands over as a subquery), and those per-product sums are then counted and added
up. Value is quantity times price in integer cents, summed in SQL.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, case, func, select
from sqlalchemy.orm import Session

from kernel.context import MetricsContext
from kernel.contracts.catalog import ProductCatalog
from kernel.contracts.tenancy import VendorDirectory
from kernel.metrics import MetricValue
from kernel.vendor_figures import VendorFigures
from modules.inventory.models import StockLevel

__all__ = ("InventoryMetricsProvider",)

CATEGORY = "inventory"


class InventoryMetricsProvider(VendorFigures):
    metrics_category = CATEGORY
    vendor_column = StockLevel.vendor_id

    def __init__(self, vendors: VendorDirectory, catalog: ProductCatalog) -> None:
        super().__init__(vendors)
        self._catalog = catalog

    def figures(self, db: Session, scope: ColumnElement[bool], context: MetricsContext) -> list[MetricValue]:
        prices = self._catalog.product_prices().subquery()
        per_product = (
            select(
                func.sum(StockLevel.quantity).label("units"),
                func.sum(StockLevel.reorder_threshold).label("threshold"),
                func.sum(StockLevel.quantity * prices.c.price_cents).label("value"),
            )
            .join(prices, prices.c.product_id == StockLevel.product_id)
            .where(scope)
            .group_by(StockLevel.product_id)
            .subquery()
        )
        units, threshold, value = per_product.c.units, per_product.c.threshold, per_product.c.value
        row = db.execute(
            select(
                func.coalesce(func.sum(units), 0),
                func.count(case((and_(units > 0, units <= threshold), 1))),
                func.count(case((units == 0, 1))),
                func.coalesce(func.sum(value), 0),
            )
        ).one()
        in_stock, low, out, worth = (int(v) for v in row)
        return [
            self.count(
                "units_in_stock",
                in_stock,
                "Units in stock",
                icon="boxes",
                description="Units held, all locations",
            ),
            self.count(
                "low_stock_products",
                low,
                "Low on stock",
                icon="alert-triangle",
                description="Products with units left, but no more than their reorder thresholds added up",
            ),
            self.count(
                "out_of_stock_products",
                out,
                "Out of stock",
                icon="x-circle",
                description="Products with stock records whose units add up to zero",
            ),
            self.cents(
                "stock_value", worth, "Stock value", description="Units held times their current price"
            ),
        ]
