"""Units an order sold leave stock when it is paid and come back when it is cancelled or refunded
with a restock (`contracts.stock.StockLevels.take` / `put_back`), on rows already locked
(`locked_batch.py`).

Where units are taken from: the default location first, then the product's other locations in name
order, so a shop with one location never thinks about it and a shop with several empties its main
one first. A product without any stock row is not stock-tracked (nobody counts it): it is skipped.
A product whose locations together hold fewer units than wanted refuses the whole sale with a 409
naming it; nothing is taken, of it or of any other product.

What goes back goes exactly where it was taken from, the caller having kept the `StockMove`s; a
location's row made again if it is gone (it starts at reorder threshold 0).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from contracts.stock import StockMove
from kernel.errors import ConflictError
from modules.inventory.locked_batch import LockedBatch
from modules.inventory.models import DEFAULT_LOCATION, StockLevel
from modules.inventory.schemas import MAX_QUANTITY

__all__ = ("put_back_stock", "take_stock")


def _in_taking_order(rows: list[StockLevel]) -> list[StockLevel]:
    return sorted(rows, key=lambda row: (row.location != DEFAULT_LOCATION, row.location))


def take_stock(batch: LockedBatch, wanted: Mapping[int, int], now: datetime) -> list[StockMove]:
    """Checks every product before changing any, so a refusal leaves even the session untouched."""
    tracked = sorted(product_id for product_id in wanted if batch.rows.get(product_id))
    for product_id in tracked:
        held = sum(row.quantity for row in batch.rows[product_id])
        if held < wanted[product_id]:
            raise ConflictError(
                f"not enough stock of product {product_id}: {wanted[product_id]} wanted, {held} in stock"
            )
    moves: list[StockMove] = []
    for product_id in tracked:
        left = wanted[product_id]
        for row in _in_taking_order(batch.rows[product_id]):
            taken = min(left, row.quantity)
            if taken:
                row.quantity, row.updated_at, left = row.quantity - taken, now, left - taken
                moves.append(StockMove(product_id, row.location, taken))
    return moves


def put_back_stock(
    db: Session, batch: LockedBatch, vendor_id: int, moves: Sequence[StockMove], now: datetime
) -> None:
    for move in moves:
        if move.product_id not in batch.prices:
            continue  # no longer the vendor's product: there is no stock of it to put back into
        rows = batch.rows[move.product_id]
        here = next((row for row in rows if row.location == move.location), None)
        if here is None:
            here = StockLevel(vendor_id=vendor_id, product_id=move.product_id, location=move.location)
            here.quantity, here.reorder_threshold = 0, 0
            db.add(here)
            rows.append(here)
        if here.quantity + move.quantity > MAX_QUANTITY:
            raise ConflictError(
                f"putting {move.quantity} units of product {move.product_id} back at '{move.location}' "
                f"would hold {here.quantity + move.quantity}, more than {MAX_QUANTITY:,}: "
                "take some out first (POST .../inventory/stock/{id}/adjust)"
            )
        here.quantity, here.updated_at = here.quantity + move.quantity, now
