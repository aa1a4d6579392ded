"""Inventory's side of `contracts.stock`: set many products' stock at the default location
from a snapshot of quantities (a marketplace import), inside the caller's transaction.

It is the same write path as `StockService` in batch form: the products are locked through the
catalog contract (reading their prices), then their stock rows, in id order and in chunks; the rows
are written; and the products' figures after the write minus before it are recorded once. A row
that exists keeps its reorder threshold; a new row starts at 0, as the stock API's default.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from sqlalchemy.orm import Session

from contracts.catalog import ProductCatalog
from contracts.stock import StockCount
from kernel.clock import Clock
from kernel.contracts.ledger import LedgerWriter
from kernel.errors import InvalidInputError, NotFoundError
from modules.inventory.definition import definition
from modules.inventory.ledger_keys import KEYS, locked_stock, product_contribution, stock_changes
from modules.inventory.models import DEFAULT_LOCATION, StockLevel
from modules.inventory.schemas import MAX_QUANTITY

__all__ = ("InventoryStockLevels",)

_CHUNK = 500  # product ids per IN (...): well under every driver's limit on bound parameters


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


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    return (ids[start : start + _CHUNK] for start in range(0, len(ids), _CHUNK))


def _contribution(rows: dict[int, list[StockLevel]], prices: dict[int, int]) -> dict[str, int]:
    """The products' contributions added up: every key is a sum (or a count) over products."""
    total = dict.fromkeys(KEYS, 0)
    for product_id, stock in rows.items():
        held = [(row.quantity, row.reorder_threshold) for row in stock]
        contribution = product_contribution(held, prices[product_id])
        for key in KEYS:
            total[key] += contribution[key]
    return total


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
        prices: dict[int, int] = {}
        for chunk in _chunks(ids):  # products first, then their stock: the order every stock write takes
            prices.update(self._catalog.locked_prices(db, vendor_id, chunk))
        missing = [product_id for product_id in ids if product_id not in prices]
        if missing:
            raise NotFoundError(f"product {missing[0]} not found")
        rows: dict[int, list[StockLevel]] = defaultdict(list)
        for chunk in _chunks(ids):
            for row in locked_stock(db, chunk):
                rows[row.product_id].append(row)
        before = _contribution(rows, prices)
        now = self._clock.now()
        for product_id in ids:
            here = next((row for row in rows[product_id] if row.location == DEFAULT_LOCATION), None)
            if here is None:
                here = StockLevel(
                    vendor_id=vendor_id,
                    product_id=product_id,
                    location=DEFAULT_LOCATION,
                    reorder_threshold=0,
                )
                db.add(here)
                rows[product_id].append(here)
            here.quantity, here.updated_at = wanted[product_id], now
        db.flush()
        self._ledger.record(db, vendor_id, stock_changes(before, _contribution(rows, prices)))
        return len(ids)
