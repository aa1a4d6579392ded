"""Orders' ledger rows computed from the raw tables: the reference the writes of `ledger_keys.py`
must equal, and what a rebuild writes. Each key is described there; this file only says how the
tables give it.

The backlogs are rebuilt from the stamps each move leaves (`lifecycle.py`): an order entered
"pending" when it was placed and left it when it was paid or cancelled; it entered "awaiting
shipment" when it was paid and left it when it was shipped, cancelled or refunded. An order recorded
straight in a later status carries all its stamps at its placing moment, so it enters and leaves at
the same moment, and adds nothing, as its write does.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    DateTime,
    SelectBase,
    String,
    case,
    delete,
    func,
    insert,
    literal,
    null,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from contracts.customers import CustomerBook
from kernel.contracts.ledger import LedgerSource
from modules.orders.ledger_keys import (
    AWAITING,
    CANCELLED,
    COUNT,
    CUSTOMERS,
    EARNING,
    NET,
    PENDING,
    REFUNDED,
    REFUNDS,
    REPEAT,
    REVENUE,
    UNITS,
)
from modules.orders.models import REVENUE_STATUSES, Order, OrderCustomer, OrderLine, OrderRefund

__all__ = ("OrdersLedgerSource",)


def _keyed(template: str, currency: Any) -> Any:
    """A per-currency key, written in SQL: `'orders.currency.' || currency || '.revenue'`."""
    before, after = template.split("{currency}")
    return literal(before, String) + currency + literal(after, String)


def _placed() -> list[SelectBase]:
    """The keys counted on the day the order was placed, per vendor, currency and moment."""
    earns = Order.status.in_(REVENUE_STATUSES)
    # From the refunds themselves, not from `orders.refunded_cents`, which the writes keep
    # Grouped and joined by the order's whole key, (vendor_id, id): on a cluster, by shard
    refunded = (
        select(OrderRefund.vendor_id, OrderRefund.order_id, func.sum(OrderRefund.amount_cents).label("cents"))
        .group_by(OrderRefund.vendor_id, OrderRefund.order_id)
        .subquery()
    )
    kept = Order.total_cents - func.coalesce(refunded.c.cents, 0)
    lines = (
        select(OrderLine.vendor_id, OrderLine.order_id, func.sum(OrderLine.quantity).label("units"))
        .group_by(OrderLine.vendor_id, OrderLine.order_id)
        .subquery()
    )
    per_day = (
        select(
            Order.vendor_id,
            Order.currency,
            Order.created_at.label("at"),
            func.count().label("orders"),
            func.count(case((Order.status == "cancelled", 1))).label("cancelled"),
            func.coalesce(func.sum(case((earns, kept), else_=0)), 0).label("revenue"),
            func.coalesce(func.sum(case((Order.status != "cancelled", Order.total_cents), else_=0)), 0).label(
                "sold"
            ),
            func.coalesce(func.sum(case((earns, lines.c.units), else_=0)), 0).label("units"),
        )
        .select_from(Order)
        .outerjoin(refunded, (refunded.c.vendor_id == Order.vendor_id) & (refunded.c.order_id == Order.id))
        .outerjoin(lines, (lines.c.vendor_id == Order.vendor_id) & (lines.c.order_id == Order.id))
        .group_by(Order.vendor_id, Order.currency, Order.created_at)
        .subquery()
    )
    c = per_day.c
    plain = [
        select(c.vendor_id, literal(key, String), c.at, c[column])
        for key, column in ((COUNT, "orders"), (CANCELLED, "cancelled"), (UNITS, "units"))
    ]
    money = [
        select(c.vendor_id, _keyed(key, c.currency), c.at, c[column])
        for key, column in ((REVENUE, "revenue"), (NET, "sold"))
    ]
    return [*plain, *money]


def _refunds() -> list[SelectBase]:
    """The keys counted on the day of the refund; `net` loses what was given back that day."""
    refunds = (
        select(
            OrderRefund.vendor_id,
            Order.currency,
            OrderRefund.created_at.label("at"),
            func.count().label("refunds"),
            func.sum(OrderRefund.amount_cents).label("refunded"),
        )
        .join(Order, (Order.vendor_id == OrderRefund.vendor_id) & (Order.id == OrderRefund.order_id))
        .group_by(OrderRefund.vendor_id, Order.currency, OrderRefund.created_at)
        .subquery()
    )
    c = refunds.c
    return [
        select(c.vendor_id, literal(REFUNDS, String), c.at, c.refunds),
        select(c.vendor_id, _keyed(REFUNDED, c.currency), c.at, c.refunded),
        select(c.vendor_id, _keyed(NET, c.currency), c.at, -c.refunded),
    ]


def _moves(key: str, at: Any, value: int, *where: Any) -> SelectBase:
    """`value` for each order at the moment `at` (of the orders `where` holds), per vendor and moment."""
    per_moment = select(Order.vendor_id, at.label("at"), func.count().label("orders")).where(*where)
    moved = per_moment.group_by(Order.vendor_id, at).subquery()
    return select(moved.c.vendor_id, literal(key, String), moved.c.at, moved.c.orders * value)


def _backlogs() -> list[SelectBase]:
    left_pending = func.coalesce(Order.paid_at, Order.cancelled_at)
    left_paid = func.coalesce(Order.shipped_at, Order.cancelled_at, Order.refunded_at)
    return [
        _moves(PENDING, Order.created_at, 1),
        _moves(PENDING, left_pending, -1, Order.status != "pending"),
        _moves(AWAITING, Order.paid_at, 1, Order.paid_at.is_not(None)),
        _moves(AWAITING, left_paid, -1, Order.paid_at.is_not(None), Order.status != "paid"),
    ]


def _undated() -> list[SelectBase]:
    """Orders that bring revenue, per currency; customer emails with one order or more, and two or more."""
    earning = (
        select(Order.vendor_id, Order.currency, func.count().label("orders"))
        .where(Order.status.in_(REVENUE_STATUSES))
        .group_by(Order.vendor_id, Order.currency)
        .subquery()
    )
    emails = (
        select(Order.vendor_id, func.count().label("orders"))
        .group_by(Order.vendor_id, Order.customer_email)
        .subquery()
    )
    customers = [
        select(emails.c.vendor_id, literal(key, String), null().cast(DateTime), func.count())
        .where(emails.c.orders >= least)
        .group_by(emails.c.vendor_id)
        for key, least in ((CUSTOMERS, 1), (REPEAT, 2))
    ]
    return [
        select(
            earning.c.vendor_id, _keyed(EARNING, earning.c.currency), null().cast(DateTime), earning.c.orders
        ),
        *customers,
    ]


class OrdersLedgerSource(LedgerSource):
    def __init__(self, customers: Sequence[CustomerBook] = ()) -> None:
        """`customers`: the customers module's book when it is on; see `rebuild_own`."""
        self._customers = customers

    def vendor_rows(self) -> SelectBase:
        return union_all(*_placed(), *_refunds(), *_backlogs(), *_undated())

    def rebuild_own(self, db: Session) -> None:
        db.execute(delete(OrderCustomer))
        counted = select(Order.vendor_id, Order.customer_email, func.count()).group_by(
            Order.vendor_id, Order.customer_email
        )
        db.execute(insert(OrderCustomer).from_select(["vendor_id", "customer_email", "orders"], counted))
        # Orders that arrived without the writes (seeded, or recorded while customers was off) get
        # their customers too, at their first order, before the rebuild counts the customers.
        first_orders = select(Order.vendor_id, Order.customer_email, func.min(Order.created_at)).group_by(
            Order.vendor_id, Order.customer_email
        )
        for book in self._customers:
            book.adopt(db, first_orders)
