"""Inventory's side of `contracts.stock`, inside the caller's transaction: set many products' stock
at the default location from a snapshot of quantities (a marketplace import), and take or put back
the units an order sold (`sold_stock.py`).

It is the same write path as `StockService` in batch form (`locked_batch.py`): products locked
through the catalog contract, then their stock rows; the rows written; the products' figures after
the write minus before it recorded once. A row that exists keeps its reorder threshold; a new row
starts at 0, as the stock API's default.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy.orm import Session

from contracts.catalog import ProductCatalog
from contracts.stock import StockCount, StockMove
from kernel.clock import Clock
from kernel.contracts.ledger import LedgerWriter
from kernel.errors import InvalidInputError, NotFoundError
from modules.inventory.definition import definition
from modules.inventory.locked_batch import LockedBatch
from modules.inventory.models import DEFAULT_LOCATION, StockLevel
from modules.inventory.schemas import MAX_QUANTITY
from modules.inventory.sold_stock import put_back_stock, take_stock

__all__ = ("InventoryStockLevels",)


def _wanted(counts: Sequence[StockCount]) -> dict[int, int]:
    """Quantity by product; a product given twice keeps its last quantity, like a sku in a file."""
    wanted: dict[int, int] = {}
    for index, count in enumerate(counts):
        if not 0 <= count.quantity <= MAX_QUANTITY:
            raise InvalidInputError(
                f"counts[{index}].quantity", f"{count.quantity} is not between 0 and {MAX_QUANTITY}"
            )
        wanted[count.product_id] = count.quantity
    return wanted


class InventoryStockLevels:
    """Implements `StockLevels`."""

    def __init__(self, clock: Clock, catalog: ProductCatalog, ledger: LedgerWriter) -> None:
        self._clock = clock
        self._catalog = catalog
        self._ledger = ledger

    @property
    def module_code(self) -> str:
        return definition.code

    def set_quantities(self, db: Session, vendor_id: int, counts: Sequence[StockCount]) -> int:
        wanted = _wanted(counts)
        ids = sorted(wanted)
        batch = LockedBatch.lock(db, self._catalog, vendor_id, ids)
        missing = [product_id for product_id in ids if product_id not in batch.prices]
        if missing:
            raise NotFoundError(f"product {missing[0]} not found")
        now = self._clock.now()
        for product_id in ids:
            rows = batch.rows[product_id]
            here = next((row for row in rows if row.location == DEFAULT_LOCATION), None)
            if here is None:
                here = StockLevel(
                    vendor_id=vendor_id,
                    product_id=product_id,
                    location=DEFAULT_LOCATION,
                    reorder_threshold=0,
                )
                db.add(here)
                rows.append(here)
            here.quantity, here.updated_at = wanted[product_id], now
        batch.record(db, self._ledger, vendor_id)
        return len(ids)

    def take(self, db: Session, vendor_id: int, wanted: Mapping[int, int]) -> list[StockMove]:
        batch = LockedBatch.lock(db, self._catalog, vendor_id, wanted)
        moves = take_stock(batch, wanted, self._clock.now())
        batch.record(db, self._ledger, vendor_id)
        return moves

    def put_back(self, db: Session, vendor_id: int, moves: Sequence[StockMove]) -> None:
        batch = LockedBatch.lock(db, self._catalog, vendor_id, [move.product_id for move in moves])
        put_back_stock(db, batch, vendor_id, moves, self._clock.now())
        batch.record(db, self._ledger, vendor_id)
