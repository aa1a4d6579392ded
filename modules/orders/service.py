"""Record, list, show and move a vendor's orders."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import partial
from typing import Any, cast

from sqlalchemy import Executable, Table, func, insert, select, update
from sqlalchemy.orm import Session, sessionmaker

from contracts.catalog import ProductCatalog
from contracts.currencies import checked_currency
from contracts.customers import CustomerBook
from contracts.stock import StockLevels
from kernel.clock import Clock
from kernel.contracts.ledger import LedgerWriter
from kernel.errors import ConflictError, NotFoundError
from kernel.persistence import upsert_into
from modules.orders.external_ids import once_per_external_id
from modules.orders.idempotency import IdempotencyKeys, Request, once
from modules.orders.ledger_keys import (
    backlog_changes,
    move_changes,
    new_order_changes,
    refund_changes,
    undated_changes,
)
from modules.orders.lifecycle import STAMPS, check_move, next_steps, stamps_on_arrival
from modules.orders.lines import check_products, lines_of, priced_total, write_lines
from modules.orders.models import Order, OrderCustomer
from modules.orders.order_email import order_email
from modules.orders.order_out import order_out
from modules.orders.refunds import record_refund
from modules.orders.schemas import OrderCreate, OrderMove, OrderOut, OrderPage, OrderStatus
from modules.orders.stock import TAKES_STOCK, OrderStock

__all__ = ("OrderService",)


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
    def __init__(
        self,
        sessions: sessionmaker[Session],
        clock: Clock,
        ledger: LedgerWriter,
        catalogs: Sequence[ProductCatalog] = (),
        stock: OrderStock | None = None,
        customers: Sequence[CustomerBook] = (),
    ) -> None:
        """`catalogs`: the catalog module's, when it is on (lines may then name its products);
        `stock`: how paid and cancelled orders move stock, when a keeper is on (stock.py);
        `customers`: the customers module's book, when it is on (each order finds its customer)."""
        self._customers = customers
        self._sessions = sessions
        self._clock = clock
        self._ledger = ledger
        self._catalogs = catalogs
        self._stock = stock or OrderStock()
        self._statements = _WriteStatements()
        self._keys = IdempotencyKeys()

    def create(self, vendor_id: int, data: OrderCreate) -> OrderOut:
        return self.record(vendor_id, data)[0]

    def record(
        self, vendor_id: int, data: OrderCreate, key: str | None = None, platform_id: int | None = None
    ) -> tuple[OrderOut, bool]:
        """The order recorded, or, for an `Idempotency-Key` (or an `external_id`) already used with the
        same order, the answer recorded then; the flag says which (True: an earlier answer, nothing
        recorded now). `platform_id`: the request's platform, whose switches say whether stock follows
        the sale."""
        now = self._clock.now()
        keepers = self._stock.keepers(platform_id)
        with self._sessions.begin() as session:
            request = Request(session, vendor_id, key, "POST /orders", data, now)
            create = partial(self._create, session, vendor_id, data, now, keepers)
            return once_per_external_id(
                self._keys, request, data.external_id, lambda: once(self._keys, request, OrderOut, create)
            )

    def _create(
        self, session: Session, vendor_id: int, data: OrderCreate, now: datetime, keepers: list[StockLevels]
    ) -> OrderOut:
        email, total = order_email(data.customer_email), priced_total(data)
        currency = checked_currency(data.currency)
        check_products(session, vendor_id, data.lines, self._catalogs)
        units = sum(line.quantity for line in data.lines)
        row = {"vendor_id": vendor_id, "customer_email": email, "status": data.status}
        stamps = stamps_on_arrival(data.status, now)
        refunded = total if data.status == "refunded" else 0  # refunded in full, as recorded
        row |= {"total_cents": total, "currency": data.currency, "created_at": now, **stamps}
        row |= {"refunded_cents": refunded, "units": units, "external_id": data.external_id}
        connection = session.connection()  # Core statements: the session's ORM steps do nothing
        order_id = int(connection.execute(self._statements.insert, row).scalar_one())
        write_lines(connection, order_id, vendor_id, data.lines)
        if data.status in TAKES_STOCK and any(line.product_id is not None for line in data.lines):
            self._stock.take(session, keepers, order_id, vendor_id)
        counted = {"vendor_id": vendor_id, "customer_email": email, "orders": 1}
        by_email = connection.execute(self._statements.count_email(session), counted).scalar_one()
        for book in self._customers:  # after the count, which holds the email's row: one adds it
            book.find_or_add(session, vendor_id, email, now)
        self._ledger.record(
            session,
            vendor_id,
            new_order_changes(data.status, total, units, currency) | backlog_changes(None, data.status),
            at=now,
            undated=undated_changes(data.status, int(by_email), currency),
        )
        if refunded:
            self._refund_rest(session, vendor_id, order_id, refunded, currency, now)
        return OrderOut(
            id=order_id,
            vendor_id=vendor_id,
            customer_email=email,
            status=data.status,
            total_cents=total,
            currency=currency,
            created_at=now,
            refunded_cents=refunded,
            lines=list(data.lines),
            external_id=data.external_id,
            **stamps,
        )

    def get(self, vendor_id: int, order_id: int) -> OrderOut:
        """Another vendor's order is a 404, as one that does not exist: ids tell nothing across shops."""
        with self._sessions() as session:
            order = session.get(Order, (vendor_id, order_id))
            if order is None:
                raise NotFoundError(f"order {order_id} not found")
            return order_out(order, lines_of(session, vendor_id, [order_id])[order_id])

    def move(
        self, vendor_id: int, order_id: int, data: OrderMove, platform_id: int | None = None
    ) -> OrderOut:
        """One step of the order's life (lifecycle.py), stamped now. The status is changed only if it
        is still the one the move was checked against: of two racing moves, the second finds it
        changed and is a 409 naming where the order is now, never a move from a state it did not see.
        Stock follows (stock.py) for the keepers on for `platform_id`."""
        now = self._clock.now()
        keepers = self._stock.keepers(platform_id)
        with self._sessions.begin() as session:
            order = session.get(Order, (vendor_id, order_id))
            if order is None:
                raise NotFoundError(f"order {order_id} not found")
            before, refunded, total = order.status, order.refunded_cents, order.total_cents
            check_move(before, data.status)
            if data.status == "cancelled" and refunded:
                raise ConflictError(
                    f"the order has had {refunded} of its {total} refunded: it cannot be cancelled, "
                    "refund the rest instead (POST its refunds, or move it to refunded)"
                )
            changed: dict[str, Any] = {"status": data.status, STAMPS[data.status]: now}
            if data.status == "refunded":
                changed["refunded_cents"] = total  # what was left is refunded now, below
            moved = session.connection().execute(
                update(Order)
                .where(Order.vendor_id == vendor_id, Order.id == order_id)
                .where(Order.status == before, Order.refunded_cents == refunded)
                .values(changed)
            )
            if moved.rowcount != 1:
                session.expire(order)
                raise ConflictError(_changed_meanwhile(order, data.status))
            currency = order.currency
            dated, undated = move_changes(before, data.status, total, refunded, order.units, currency)
            self._ledger.record(session, vendor_id, dated, at=order.created_at, undated=undated)
            self._ledger.record(session, vendor_id, backlog_changes(before, data.status), at=now)
            if data.status == "refunded" and total > refunded:
                self._refund_rest(session, vendor_id, order_id, total - refunded, currency, now)
            moved_stock = (before, data.status, data.restock)
            self._stock.follow_move(session, keepers, (order_id, vendor_id, order.units), moved_stock, now)
            session.expire(order)
            return order_out(order, lines_of(session, vendor_id, [order_id])[order_id])

    def _refund_rest(
        self, session: Session, vendor_id: int, order_id: int, rest: int, currency: str, now: datetime
    ) -> None:
        """An order moved (or recorded) straight to refunded gives back what was left: one refund."""
        record_refund(session.connection(), order_id, vendor_id, rest, None, now)
        self._ledger.record(session, vendor_id, refund_changes(rest, currency), at=now)

    def list(self, vendor_id: int, *, status: OrderStatus | None, limit: int, offset: int) -> OrderPage:
        query = select(Order).where(Order.vendor_id == vendor_id)
        if status is not None:
            query = query.where(Order.status == status)
        with self._sessions() as session:
            total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
            rows = session.scalars(
                query.order_by(Order.created_at.desc(), Order.id.desc()).limit(limit).offset(offset)
            ).all()
            lines = lines_of(session, vendor_id, [order.id for order in rows])
            items = [order_out(order, lines[order.id]) for order in rows]
            return OrderPage(items=items, total=total, limit=limit, offset=offset)


def _changed_meanwhile(order: Order, wanted: str) -> str:
    """Read again (the session expired it): where the order went while this move was checked (or
    what was refunded of it meanwhile, which changes what a move to refunded gives back)."""
    now_in = order.status
    return f"the order changed meanwhile: it is {now_in} ({next_steps(now_in)}): not moved to {wanted}"
