"""Record, list and adjust the signed-in vendor's stock.

A product is checked through the catalog contract before stock is recorded for it, and the row
takes the product's owner as its `vendor_id`; from then on every query filters on that column, so
another vendor's stock is "not found" exactly like stock that does not exist.
"""

from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from kernel.clock import Clock
from kernel.contracts.catalog import ProductCatalog
from kernel.errors import ConflictError, InvalidInputError, NotFoundError
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


def _own_stock(session: Session, vendor_id: int, stock_id: int) -> StockLevel:
    stock = session.get(StockLevel, stock_id, populate_existing=True)
    if stock is None or stock.vendor_id != vendor_id:
        raise NotFoundError(f"stock {stock_id} not found")
    return stock


class StockService:
    def __init__(self, sessions: sessionmaker[Session], clock: Clock, catalog: ProductCatalog) -> None:
        self._sessions = sessions
        self._clock = clock
        self._catalog = catalog

    def create(self, vendor_id: int, data: StockCreate) -> StockOut:
        taken = f"product {data.product_id} already has stock at location '{data.location}'"
        try:
            with self._sessions.begin() as session:
                if not self._catalog.vendor_owns(session, vendor_id, data.product_id):
                    raise NotFoundError(f"product {data.product_id} not found")
                same_place = select(StockLevel.id).where(
                    StockLevel.product_id == data.product_id, StockLevel.location == data.location
                )
                if session.scalar(same_place) is not None:
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
        """One conditional UPDATE, so concurrent adjustments add up and none can take stock below 0."""
        after = StockLevel.quantity + data.delta
        values: dict[str, object] = {"quantity": after, "updated_at": self._clock.now()}
        if data.reorder_threshold is not None:
            values["reorder_threshold"] = data.reorder_threshold
        with self._sessions.begin() as session:
            changed = session.scalar(
                update(StockLevel)
                .where(StockLevel.id == stock_id, StockLevel.vendor_id == vendor_id)
                .where(after >= 0, after <= MAX_QUANTITY)
                .values(values)
                .returning(StockLevel.id)
                .execution_options(synchronize_session=False)
            )
            stock = _own_stock(session, vendor_id, stock_id)
            if changed is None:
                raise InvalidInputError(
                    "delta",
                    f"{data.delta:+d} would take stock {stock_id} from {stock.quantity} to "
                    f"{stock.quantity + data.delta} units; it must stay between 0 and {MAX_QUANTITY}",
                )
            return _stock_out(stock)
