"""What inventory keeps in the ledger (`kernel.contracts.ledger`), written once for both ways
of getting it: what a product's stock contributes, and the same rows computed from the raw tables.

Stock is a state, not a flow, so no key has a day. A product with stock rows contributes its units
(added up over its locations), one `low` product when it has units but no more than its locations'
reorder thresholds added up, one `out` product when its units add up to zero, and `value`: units
times its current catalog price, in cents. A product without stock rows contributes nothing.

A stock write changes one product: it records that product's contribution after the write minus
before it. A price change moves only `value`, by units times the change (`price_listener.py`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import Date, SelectBase, String, case, func, literal, null, select, union_all
from sqlalchemy.orm import Session

from contracts.catalog import ProductCatalog
from kernel.contracts.ledger import LedgerSource
from modules.inventory.models import StockLevel

__all__ = ("KEYS", "InventoryLedgerSource", "locked_stock", "product_contribution", "stock_changes")

UNITS, LOW, OUT, VALUE = (f"inventory.{name}" for name in ("units", "low", "out", "value"))
KEYS = (UNITS, LOW, OUT, VALUE)


def product_contribution(rows: Sequence[tuple[int, int]], price_cents: int) -> dict[str, int]:
    """One product's contribution, from its stock rows' `(quantity, reorder_threshold)`."""
    if not rows:
        return dict.fromkeys(KEYS, 0)
    units = sum(quantity for quantity, _ in rows)
    threshold = sum(threshold for _, threshold in rows)
    return {UNITS: units, LOW: int(0 < units <= threshold), OUT: int(units == 0), VALUE: units * price_cents}


def stock_changes(before: Mapping[str, int], after: Mapping[str, int]) -> dict[str, int]:
    return {key: after[key] - before[key] for key in KEYS}


def locked_stock(db: Session, vendor_id: int, product_ids: Sequence[int]) -> list[StockLevel]:
    """The vendor's products' stock rows, freshly read and locked until the transaction ends: what a
    contribution is computed from must not change before the difference is recorded. Found through
    the unique key `(vendor_id, product_id, location)`."""
    rows = (
        select(StockLevel)
        .where(StockLevel.vendor_id == vendor_id, StockLevel.product_id.in_(product_ids))
        .order_by(StockLevel.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return list(db.scalars(rows))


class InventoryLedgerSource(LedgerSource):
    def __init__(self, catalog: ProductCatalog) -> None:
        self._catalog = catalog

    def vendor_rows(self) -> SelectBase:
        prices = self._catalog.product_prices().subquery()
        per_product = (
            select(
                StockLevel.vendor_id,
                func.sum(StockLevel.quantity).label("units"),
                func.sum(StockLevel.reorder_threshold).label("threshold"),
                func.sum(StockLevel.quantity * prices.c.price_cents).label("value"),
            )
            .join(
                prices,
                (prices.c.vendor_id == StockLevel.vendor_id) & (prices.c.product_id == StockLevel.product_id),
            )
            .group_by(StockLevel.vendor_id, StockLevel.product_id)
            .subquery()
        )
        units, threshold = per_product.c.units, per_product.c.threshold
        figures = (
            (UNITS, func.sum(units)),
            (LOW, func.count(case(((units > 0) & (units <= threshold), 1)))),
            (OUT, func.count(case((units == 0, 1)))),
            (VALUE, func.sum(per_product.c.value)),
        )
        return union_all(
            *(
                select(per_product.c.vendor_id, literal(key, String), null().cast(Date), value).group_by(
                    per_product.c.vendor_id
                )
                for key, value in figures
            )
        )
