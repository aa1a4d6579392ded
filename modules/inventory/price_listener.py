"""Stock value follows catalog's prices: catalog calls this listener (`contracts.catalog`) in
the transaction that changes prices, by an edit or by a marketplace publication.

The product rows are already locked by that write, and every stock write locks its product first
(`ProductCatalog.locked_price`), so no stock write of these products is under way: the units read
here are the committed ones and stay so until the price change commits. Their stock rows are
locked anyway, in the same order as stock writes take them (product, then stock).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy.orm import Session

from contracts.catalog import PriceChange
from kernel.contracts.ledger import LedgerWriter
from modules.inventory.ledger_keys import VALUE, locked_stock

__all__ = ("StockValueListener",)

_CHUNK = 500  # product ids per IN (...): well under every driver's limit on bound parameters


class StockValueListener:
    def __init__(self, ledger: LedgerWriter) -> None:
        self._ledger = ledger

    def prices_changed(self, db: Session, changes: Sequence[PriceChange]) -> None:
        """Each vendor's products are read with the vendor in the key (one vendor's, in practice)."""
        moved: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
        for change in changes:  # several changes of one product add up
            moved[change.vendor_id][change.product_id] += change.new_cents - change.old_cents
        for vendor_id, by_product in sorted(moved.items()):
            ids, delta, stocked = sorted(by_product), 0, False
            for start in range(0, len(ids), _CHUNK):
                for stock in locked_stock(db, vendor_id, ids[start : start + _CHUNK]):
                    delta, stocked = delta + stock.quantity * by_product[stock.product_id], True
            if stocked:
                self._ledger.record(db, vendor_id, {VALUE: delta})
