"""Record, list and adjust the signed-in vendor's stock.

A product is checked through the catalog contract before stock is recorded for it, and the row
takes the product's owner as its `vendor_id`; from then on every query filters on that column, so
another vendor's stock is "not found" exactly like stock that does not exist.

Every write changes one product's stock and records the change of that product's figures in the
same transaction (`modules/inventory/ledger_keys.py`). It first locks the product through the catalog
contract, reading its price, then the product's stock rows: writes to one product's stock run one
after the other (even when it has no stock row yet to lock), a price change waits for them or they
for it, and the figures before and after are those of rows nobody else is changing.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from contracts.catalog import ProductCatalog
from kernel.clock import Clock
from kernel.contracts.ledger import LedgerWriter
from kernel.errors import ConflictError, NotFoundError
from modules.inventory.ledger_keys import locked_stock, product_contribution, stock_changes
from modules.inventory.models import StockLevel
from modules.inventory.schemas import MAX_QUANTITY, StockAdjust, StockCreate, StockOut, StockPage

__all__ = ("StockService",)


def _stock_out(stock: StockLevel) -> StockOut:
    return StockOut(
        id=stock.id,
        vendor_id=stock.vendor_id,
        product_id=stock.product_id,
        location=stock.location,
        quantity=stock.quantity,
        reorder_threshold=stock.reorder_threshold,
        updated_at=stock.updated_at,
    )


def _contribution(rows: list[StockLevel], price_cents: int) -> dict[str, int]:
    return product_contribution([(row.quantity, row.reorder_threshold) for row in rows], price_cents)


class StockService:
    def __init__(
        self, sessions: sessionmaker[Session], clock: Clock, catalog: ProductCatalog, ledger: LedgerWriter
    ) -> None:
        self._sessions = sessions
        self._clock = clock
        self._catalog = catalog
        self._ledger = ledger

    def create(self, vendor_id: int, data: StockCreate) -> StockOut:
        taken = f"product {data.product_id} already has stock at location '{data.location}'"
        try:
            with self._sessions.begin() as session:
                price = self._catalog.locked_price(session, vendor_id, data.product_id)
                if price is None:
                    raise NotFoundError(f"product {data.product_id} not found")
                rows = locked_stock(session, vendor_id, [data.product_id])
                if any(row.location == data.location for row in rows):
                    raise ConflictError(taken)
                stock = StockLevel(
                    vendor_id=vendor_id,
                    product_id=data.product_id,
                    location=data.location,
                    quantity=data.quantity,
                    reorder_threshold=data.reorder_threshold,
                    updated_at=self._clock.now(),
                )
                session.add(stock)
                session.flush()
                after = _contribution([*rows, stock], price)
                self._ledger.record(session, vendor_id, stock_changes(_contribution(rows, price), after))
                return _stock_out(stock)
        except IntegrityError:  # a concurrent request recorded the same place first
            raise ConflictError(taken) from None

    def list(self, vendor_id: int, *, product_id: int | None, limit: int, offset: int) -> StockPage:
        """Newest rows first; ids only grow, so pages stay put while quantities change."""
        query = select(StockLevel).where(StockLevel.vendor_id == vendor_id)
        if product_id is not None:
            query = query.where(StockLevel.product_id == product_id)
        with self._sessions() as session:
            total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
            rows = session.scalars(query.order_by(StockLevel.id.desc()).limit(limit).offset(offset))
            return StockPage(items=[_stock_out(s) for s in rows], total=total, limit=limit, offset=offset)

    def adjust(self, vendor_id: int, stock_id: int, data: StockAdjust) -> StockOut:
        """A signed change under the product's locks, so concurrent adjustments add up and none can
        take stock below 0."""
        with self._sessions.begin() as session:
            owned = select(StockLevel.product_id).where(
                StockLevel.id == stock_id, StockLevel.vendor_id == vendor_id
            )
            product_id = session.scalar(owned)  # a row's product never changes: no lock needed yet
            price = None if product_id is None else self._catalog.locked_price(session, vendor_id, product_id)
            if product_id is None or price is None:
                raise NotFoundError(f"stock {stock_id} not found")
            rows = locked_stock(session, vendor_id, [product_id])
            before = _contribution(rows, price)
            stock = next(row for row in rows if row.id == stock_id)
            after_units = stock.quantity + data.delta
            if not 0 <= after_units <= MAX_QUANTITY:
                raise ConflictError(  # the body is valid; the stock it meets now is what refuses it
                    f"delta {data.delta:+d} would take stock {stock_id} from {stock.quantity} to "
                    f"{after_units} units; it must stay between 0 and {MAX_QUANTITY:,}"
                )
            stock.quantity, stock.updated_at = after_units, self._clock.now()
            if data.reorder_threshold is not None:
                stock.reorder_threshold = data.reorder_threshold
            session.flush()
            self._ledger.record(session, vendor_id, stock_changes(before, _contribution(rows, price)))
            return _stock_out(stock)
