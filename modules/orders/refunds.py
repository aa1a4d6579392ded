"""Refunds: money given back on a paid, shipped or delivered order, whole or in part.

A refund is applied to the order in one statement that checks and changes at once: it adds the
amount to `refunded_cents` only if the order can be refunded and the amount fits in what is left,
and moves the order to refunded when nothing is left. Two refunds racing for the last cents cannot
both get through, and nothing is read and then trusted. When the statement changes no row, the
order is read to say why (another vendor's or no such order: 404; not refundable, or too much: 409).

Revenue is counted on the day the order was placed, so a refund takes its amount off that day; the
refund itself is counted on the day it is made (`orders.refunds`, `orders.refunded`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from sqlalchemy import Connection, Table, bindparam, case, insert, update
from sqlalchemy.orm import Session, sessionmaker

from contracts.stock import StockLevels
from kernel.clock import Clock
from kernel.contracts.ledger import LedgerWriter
from kernel.errors import ConflictError, NotFoundError
from modules.orders.idempotency import IdempotencyKeys, Request, once
from modules.orders.ledger_keys import (
    backlog_changes,
    full_refund_changes,
    partial_refund_changes,
    refund_changes,
)
from modules.orders.lines import lines_of
from modules.orders.models import Order, OrderRefund
from modules.orders.order_out import order_out
from modules.orders.schemas import RefundCreate, RefundOut
from modules.orders.stock import OrderStock

__all__ = ("REFUNDABLE", "RefundService", "record_refund")

REFUNDABLE = ("paid", "shipped", "delivered")


def record_refund(
    connection: Connection, order_id: int, vendor_id: int, amount_cents: int, reason: str | None, at: datetime
) -> int:
    """The refund's own row; the caller has already applied it to the order. Returns its id."""
    refunds = cast("Table", OrderRefund.__table__)
    row: dict[str, Any] = {"order_id": order_id, "vendor_id": vendor_id, "amount_cents": amount_cents}
    row |= {"reason": reason, "created_at": at}
    return int(connection.execute(insert(refunds).returning(refunds.c.id), row).scalar_one())


def _why_not(order: Order | None, order_id: int, amount_cents: int) -> Exception:
    """`order`: the vendor's, read by `(vendor_id, order_id)`; None when it has no such order."""
    if order is None:
        return NotFoundError(f"order {order_id} not found")
    if order.status == "refunded":
        return ConflictError("the order is refunded in full: nothing is left to refund")
    if order.status not in REFUNDABLE:
        return ConflictError(
            f"the order is {order.status}: only paid, shipped or delivered orders can be refunded"
        )
    left = order.total_cents - order.refunded_cents
    return ConflictError(
        f"amount_cents: {amount_cents} is more than is left to refund on this order, {left} "
        f"(total {order.total_cents}, refunded so far {order.refunded_cents})"
    )


class RefundService:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        clock: Clock,
        ledger: LedgerWriter,
        stock: OrderStock | None = None,
    ) -> None:
        """`stock`: how a refund with `restock` puts units back, when a keeper is on (stock.py)."""
        self._sessions = sessions
        self._stock = stock or OrderStock()
        self._clock = clock
        self._ledger = ledger
        self._apply = _apply_statement()
        self._keys = IdempotencyKeys()

    def refund(self, vendor_id: int, order_id: int, data: RefundCreate) -> RefundOut:
        return self.record(vendor_id, order_id, data)[0]

    def record(
        self,
        vendor_id: int,
        order_id: int,
        data: RefundCreate,
        key: str | None = None,
        platform_id: int | None = None,
    ) -> tuple[RefundOut, bool]:
        """The refund made, or the answer of an earlier request with the same `Idempotency-Key`
        (then True, and nothing given back now). `platform_id`: the request's platform, whose
        switches say whether a restock reaches stock."""
        now = self._clock.now()
        keepers = self._stock.keepers(platform_id)
        with self._sessions.begin() as session:
            request = Request(session, vendor_id, key, f"POST /orders/{order_id}/refunds", data, now)
            return once(
                self._keys,
                request,
                RefundOut,
                lambda: self._refund(session, vendor_id, order_id, data, now, keepers),
            )

    def _refund(
        self,
        session: Session,
        vendor_id: int,
        order_id: int,
        data: RefundCreate,
        now: datetime,
        keepers: list[StockLevels],
    ) -> RefundOut:
        connection = session.connection()
        params: dict[str, Any] = {"the_order": order_id, "the_vendor": vendor_id, "the_moment": now}
        params["the_amount"] = data.amount_cents
        applied = connection.execute(self._apply, params).one_or_none()
        if applied is None:
            raise _why_not(session.get(Order, (vendor_id, order_id)), order_id, data.amount_cents)
        currency, moments = applied.currency, refund_changes(data.amount_cents, applied.currency)
        if applied.status == "refunded":
            dated, undated = full_refund_changes(data.amount_cents, int(applied.units), currency)
            if applied.shipped_at is None:  # it was paid, not shipped: it leaves that backlog now
                moments |= backlog_changes("paid", "refunded")
        else:
            dated, undated = partial_refund_changes(data.amount_cents, currency), {}
        self._ledger.record(session, vendor_id, dated, at=applied.created_at, undated=undated)
        self._ledger.record(session, vendor_id, moments, at=now)
        order = session.get_one(Order, (vendor_id, order_id))  # as the statement above left it
        refund_id = record_refund(connection, order_id, vendor_id, data.amount_cents, data.reason, now)
        restocked = self._stock.put_back(session, keepers, order_id, vendor_id, now) if data.restock else 0
        return RefundOut(
            id=refund_id,
            order_id=order_id,
            amount_cents=data.amount_cents,
            reason=data.reason,
            created_at=now,
            restocked_units=restocked,
            order=order_out(order, lines_of(session, vendor_id, [order_id])[order_id]),
        )


def _apply_statement() -> Any:
    """Adds the amount and, when that refunds the whole total, moves the order to refunded: only if
    the order is the vendor's, refundable, and the amount fits. Every right-hand side sees the row
    as it was before the statement."""
    orders = cast("Table", Order.__table__)
    c = orders.c
    amount = bindparam("the_amount", type_=c.refunded_cents.type)
    full = c.refunded_cents + amount == c.total_cents
    return (
        update(orders)
        .where(
            c.id == bindparam("the_order"),
            c.vendor_id == bindparam("the_vendor"),
            c.status.in_(REFUNDABLE),
            c.refunded_cents + amount <= c.total_cents,
        )
        .values(
            refunded_cents=c.refunded_cents + amount,
            status=case((full, "refunded"), else_=c.status),
            refunded_at=case((full, bindparam("the_moment", type_=c.refunded_at.type)), else_=c.refunded_at),
        )
        .returning(c.status, c.created_at, c.units, c.currency, c.shipped_at)
    )
