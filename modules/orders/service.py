"""Record and list a vendor's orders."""

from __future__ import annotations

from typing import cast

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from kernel.clock import Clock
from modules.orders.models import Order
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


class OrderService:
    def __init__(self, sessions: sessionmaker[Session], clock: Clock) -> None:
        self._sessions = sessions
        self._clock = clock

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
