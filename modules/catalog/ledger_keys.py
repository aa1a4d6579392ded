"""What catalog keeps in the ledger (`kernel.contracts.ledger`), written once for both ways
of getting it: what each write to products changes, and the same rows computed from the raw table.

Keys: `products`, counted on the day the product was created (so its total is every product and its
window sum the new ones); with no day, `active` (on sale) and `featured` (active and featured: an
inactive product is not on show, whatever its flag says), which edits move both ways.

Prices are not catalog figures, but other modules' figures depend on them: every real price change
is handed to the `PriceListener`s in the same transaction (see `contracts.catalog`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import DateTime, SelectBase, String, and_, case, func, literal, null, select, true, union_all
from sqlalchemy.orm import Session

from contracts.catalog import PriceChange, PriceListener
from kernel.contracts.ledger import LedgerSource, LedgerWriter
from modules.catalog.models import Product

__all__ = (
    "CatalogLedgerSource",
    "on_show",
    "record_flags",
    "record_new_products",
    "tell_price_listeners",
)

PRODUCTS, ACTIVE, FEATURED = (f"catalog.{name}" for name in ("products", "active", "featured"))


def on_show(is_active: bool, is_featured: bool) -> dict[str, int]:
    """One product's share of the undated figures."""
    return {ACTIVE: int(is_active), FEATURED: int(is_active and is_featured)}


def record_new_products(
    ledger: LedgerWriter, db: Session, vendor_id: int, at: datetime, flags: Sequence[tuple[bool, bool]]
) -> None:
    """Products created at `at`, given by their `(is_active, is_featured)`."""
    shown = [on_show(active, featured) for active, featured in flags]
    undated = {key: sum(one[key] for one in shown) for key in (ACTIVE, FEATURED)}
    ledger.record(db, vendor_id, {PRODUCTS: len(flags)}, at=at, undated=undated)


def record_flags(
    ledger: LedgerWriter, db: Session, vendor_id: int, before: dict[str, int], after: dict[str, int]
) -> None:
    """An edit of a product's flags: `on_show` before and after."""
    ledger.record(db, vendor_id, {key: after[key] - before[key] for key in after})


def tell_price_listeners(
    listeners: Sequence[PriceListener], db: Session, changes: Sequence[PriceChange]
) -> None:
    real = [change for change in changes if change.new_cents != change.old_cents]
    if real:
        for listener in listeners:
            listener.prices_changed(db, real)


class CatalogLedgerSource(LedgerSource):
    def vendor_rows(self) -> SelectBase:
        at = Product.created_at.label("at")
        created = select(Product.vendor_id, literal(PRODUCTS, String), at, func.count()).group_by(
            Product.vendor_id, at
        )
        active = Product.is_active == true()
        flags = [
            select(
                Product.vendor_id, literal(key, String), null().cast(DateTime), func.count(case((shown, 1)))
            ).group_by(Product.vendor_id)
            for key, shown in ((ACTIVE, active), (FEATURED, and_(active, Product.is_featured == true())))
        ]
        return union_all(created, *flags)
