"""Many products' stock, locked for one write in the caller's transaction: the batch form of
`StockService`'s write path, shared by the contract's writes (`stock_levels.py`, `sold_stock.py`).

The products are locked through the catalog contract (reading their prices), then their stock rows,
in id order and in chunks: the order every stock write takes, so two writers never wait on each
other crosswise. The figures before the write are computed then; `record` computes them after it
and records the difference once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from contracts.catalog import ProductCatalog
from kernel.contracts.ledger import LedgerWriter
from modules.inventory.ledger_keys import KEYS, locked_stock, product_contribution, stock_changes
from modules.inventory.models import StockLevel

__all__ = ("LockedBatch",)

_CHUNK = 500  # product ids per IN (...): well under every driver's limit on bound parameters


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
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


@dataclass
class LockedBatch:
    prices: dict[int, int]
    """The price of each product asked for that is the vendor's; the others are missing."""
    rows: dict[int, list[StockLevel]] = field(default_factory=lambda: defaultdict(list))
    """Each product's stock rows, in id order; a row the write adds must be added here too."""
    before: dict[str, int] = field(default_factory=dict)

    @classmethod
    def lock(
        cls, db: Session, catalog: ProductCatalog, vendor_id: int, product_ids: Iterable[int]
    ) -> LockedBatch:
        ids = sorted(set(product_ids))
        batch = cls(prices={})
        for chunk in _chunks(ids):  # products first, then their stock
            batch.prices.update(catalog.locked_prices(db, vendor_id, chunk))
        owned = [product_id for product_id in ids if product_id in batch.prices]
        for chunk in _chunks(owned):
            for row in locked_stock(db, vendor_id, chunk):
                batch.rows[row.product_id].append(row)
        batch.before = _contribution(batch.rows, batch.prices)
        return batch

    def record(self, db: Session, ledger: LedgerWriter, vendor_id: int) -> None:
        """Writes the rows changed and records the products' figures after the write less before."""
        db.flush()
        ledger.record(db, vendor_id, stock_changes(self.before, _contribution(self.rows, self.prices)))
