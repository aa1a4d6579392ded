"""Record and list a vendor's orders."""

from __future__ import annotations

from typing import cast

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from kernel.clock import Clock
from kernel.contracts.ledger import LedgerWriter
from kernel.persistence import upsert_into
from modules.orders.ledger_keys import new_order_changes, undated_changes
from modules.orders.models import Order, OrderCustomer
from modules.orders.schemas import OrderCreate, OrderOut, OrderPage, OrderStatus

__all__ = ("OrderService",)


def _order_out(order: Order) -> OrderOut:
    return OrderOut(
        id=order.id,
        vendor_id=order.vendor_id,
        customer_email=order.customer_email,
        status=cast("OrderStatus", order.status),
        total_cents=order.total_cents,
        currency=order.currency,
        created_at=order.created_at,
    )


def _count_email(session: Session, order: Order) -> int:
    """Count the order against its email and return the email's orders at this vendor so far. The
    upsert holds the email's row until commit, so two orders from one email never both see 1."""
    table = OrderCustomer.__table__
    values = {"vendor_id": order.vendor_id, "customer_email": order.customer_email, "orders": 1}
    statement = upsert_into(session, OrderCustomer).values(values)
    counted = statement.on_conflict_do_update(
        index_elements=["vendor_id", "customer_email"], set_={"orders": table.c.orders + 1}
    ).returning(table.c.orders)
    return int(session.execute(counted).scalar_one())


class OrderService:
    def __init__(self, sessions: sessionmaker[Session], clock: Clock, ledger: LedgerWriter) -> None:
        self._sessions = sessions
        self._clock = clock
        self._ledger = ledger

    def create(self, vendor_id: int, data: OrderCreate) -> OrderOut:
        with self._sessions.begin() as session:
            order = Order(
                vendor_id=vendor_id,
                customer_email=data.customer_email.lower(),
                status=data.status,
                total_cents=data.total_cents,
                currency=data.currency,
                created_at=self._clock.now(),
            )
            session.add(order)
            session.flush()
            self._ledger.record(
                session,
                vendor_id,
                new_order_changes(order.status, order.total_cents),
                at=order.created_at,
                undated=undated_changes(order.status, _count_email(session, order)),
            )
            return _order_out(order)

    def list(self, vendor_id: int, *, status: OrderStatus | None, limit: int, offset: int) -> OrderPage:
        query = select(Order).where(Order.vendor_id == vendor_id)
        if status is not None:
            query = query.where(Order.status == status)
        with self._sessions() as session:
            total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
            rows = session.scalars(
                query.order_by(Order.created_at.desc(), Order.id.desc()).limit(limit).offset(offset)
            )
            return OrderPage(items=[_order_out(o) for o in rows], total=total, limit=limit, offset=offset)
