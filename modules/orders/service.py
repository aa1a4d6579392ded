"""Record, list, show and move a vendor's orders."""

from __future__ import annotations

from typing import cast

from sqlalchemy import Executable, Table, func, insert, select, update
from sqlalchemy.orm import Session, sessionmaker

from kernel.clock import Clock
from kernel.contracts.ledger import LedgerWriter
from kernel.errors import ConflictError, NotFoundError
from kernel.persistence import upsert_into
from modules.orders.ledger_keys import move_changes, new_order_changes, undated_changes
from modules.orders.lifecycle import MOVES, STAMPS, check_move, stamps_on_arrival
from modules.orders.models import Order, OrderCustomer
from modules.orders.schemas import OrderCreate, OrderMove, OrderOut, OrderPage, OrderStatus

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
        paid_at=order.paid_at,
        shipped_at=order.shipped_at,
        delivered_at=order.delivered_at,
        cancelled_at=order.cancelled_at,
        refunded_at=order.refunded_at,
    )


class _WriteStatements:
    """An order's two statements, built once per dialect and reused: building them cost more CPU
    than running them. Core, not ORM: an ORM insert walks the row through the mapper and the unit
    of work (about a fifth of a write's CPU) for an object nothing reads again."""

    def __init__(self) -> None:
        orders = cast("Table", Order.__table__)
        self.insert = insert(orders).returning(orders.c.id)
        self._counts: dict[str, Executable] = {}

    def count_email(self, session: Session) -> Executable:
        """Count an order against its email, returning the email's orders at this vendor so far. The
        upsert holds the email's row until commit, so two orders from one email never both see 1."""
        dialect = session.get_bind().dialect.name
        found = self._counts.get(dialect)
        if found is None:
            table = cast("Table", OrderCustomer.__table__)
            found = self._counts[dialect] = (
                upsert_into(session, table)
                .on_conflict_do_update(
                    index_elements=["vendor_id", "customer_email"], set_={"orders": table.c.orders + 1}
                )
                .returning(table.c.orders)
            )
        return found


class OrderService:
    def __init__(self, sessions: sessionmaker[Session], clock: Clock, ledger: LedgerWriter) -> None:
        self._sessions = sessions
        self._clock = clock
        self._ledger = ledger
        self._statements = _WriteStatements()

    def create(self, vendor_id: int, data: OrderCreate) -> OrderOut:
        email, now = data.customer_email.lower(), self._clock.now()
        row = {"vendor_id": vendor_id, "customer_email": email, "status": data.status}
        stamps = stamps_on_arrival(data.status, now)
        row |= {"total_cents": data.total_cents, "currency": data.currency, "created_at": now, **stamps}
        with self._sessions.begin() as session:
            connection = session.connection()  # Core statements: the session's ORM steps do nothing
            order_id = connection.execute(self._statements.insert, row).scalar_one()
            counted = {"vendor_id": vendor_id, "customer_email": email, "orders": 1}
            by_email = connection.execute(self._statements.count_email(session), counted).scalar_one()
            self._ledger.record(
                session,
                vendor_id,
                new_order_changes(data.status, data.total_cents),
                at=now,
                undated=undated_changes(data.status, int(by_email)),
            )
        return OrderOut(
            id=int(order_id),
            vendor_id=vendor_id,
            customer_email=email,
            status=data.status,
            total_cents=data.total_cents,
            currency=data.currency,
            created_at=now,
            **stamps,
        )

    def get(self, vendor_id: int, order_id: int) -> OrderOut:
        """Another vendor's order is a 404, as one that does not exist: ids tell nothing across shops."""
        with self._sessions() as session:
            order = session.get(Order, order_id)
            if order is None or order.vendor_id != vendor_id:
                raise NotFoundError(f"order {order_id} not found")
            return _order_out(order)

    def move(self, vendor_id: int, order_id: int, data: OrderMove) -> OrderOut:
        """One step of the order's life (lifecycle.py), stamped now. The status is changed only if it
        is still the one the move was checked against: of two racing moves, the second finds it
        changed and is a 409 naming where the order is now, never a move from a state it did not see."""
        now = self._clock.now()
        with self._sessions.begin() as session:
            order = session.get(Order, order_id)
            if order is None or order.vendor_id != vendor_id:
                raise NotFoundError(f"order {order_id} not found")
            before = order.status
            check_move(before, data.status)
            moved = session.connection().execute(
                update(Order)
                .where(Order.id == order_id, Order.status == before)
                .values({"status": data.status, STAMPS[data.status]: now})
            )
            if moved.rowcount != 1:
                session.expire(order)
                raise ConflictError(_moved_meanwhile(order, data.status))
            dated, undated = move_changes(before, data.status, order.total_cents)
            self._ledger.record(session, vendor_id, dated, at=order.created_at, undated=undated)
            session.expire(order)
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


def _moved_meanwhile(order: Order, wanted: str) -> str:
    """Read again (the session expired it): where the order went while this move was checked."""
    now_in = order.status
    allowed = MOVES[now_in]
    can = f"it can move to {', '.join(allowed)}" if allowed else "that is final"
    return f"the order moved to {now_in} meanwhile ({can}): not moved to {wanted}"
