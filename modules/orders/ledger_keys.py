"""What orders keep in the ledger (`kernel.contracts.ledger`), written once for both ways
of getting it: the changes one new order makes, and the same rows computed from the raw tables.

Keys counted on the day the order was placed, because dashboards show them "in the period":
`count` (every order) and `revenue` (what the shop keeps of the orders that bring revenue: every
status but cancelled and refunded, less what was refunded of them in part). Keys counted on the day
of the refund: `refunds` (how many) and `refunded` (how much). `units` (the quantities of the lines
of orders that bring revenue) on the day the order was placed. Keys kept as all-time totals only:
`earning` (orders that bring revenue), `pending`, `customers` (customer emails with an order at that
vendor) and `repeat_customers` (those with two or more). Only what a period shows gets day buckets:
at ten million orders, every dated key is about a million more rows.
"""

from __future__ import annotations

from collections.abc import Sequence

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
from modules.orders.models import REVENUE_STATUSES, Order, OrderCustomer, OrderLine, OrderRefund

__all__ = (
    "OrdersLedgerSource",
    "full_refund_changes",
    "move_changes",
    "new_order_changes",
    "partial_refund_changes",
    "refund_changes",
    "undated_changes",
)

COUNT, EARNING, REVENUE, PENDING, REPEAT, REFUNDS, REFUNDED, UNITS = (
    f"orders.{name}"
    for name in ("count", "earning", "revenue", "pending", "repeat_customers", "refunds", "refunded", "units")
)
CUSTOMERS = "orders.customers"


def _kept(status: str, total_cents: int, refunded_cents: int) -> int:
    """What an order adds to the revenue: its total less its refunds, if its status brings revenue."""
    return total_cents - refunded_cents if status in REVENUE_STATUSES else 0


def new_order_changes(status: str, total_cents: int, units: int = 0) -> dict[str, int]:
    """What one new order adds on the day it is placed (`units`: its lines' quantities)."""
    earns = status in REVENUE_STATUSES
    return {COUNT: 1, REVENUE: total_cents if earns else 0, UNITS: units if earns else 0}


def move_changes(
    before: str, after: str, total_cents: int, refunded_cents: int, units: int = 0
) -> tuple[dict[str, int], dict[str, int]]:
    """What an order moving from `before` to `after` changes: on the day it was placed (revenue is
    counted by placed date, so a cancelled order leaves the revenue of the day it came in), and in
    the all-time totals. An order's count never changes: it was placed, whatever became of it. A
    move to refunded refunds the rest too: `refund_changes` adds that refund's own figures."""
    earned = int(after in REVENUE_STATUSES) - int(before in REVENUE_STATUSES)
    revenue = _kept(after, total_cents, refunded_cents) - _kept(before, total_cents, refunded_cents)
    undated = {EARNING: earned, PENDING: int(after == "pending") - int(before == "pending")}
    return {REVENUE: revenue, UNITS: earned * units}, undated


def refund_changes(amount_cents: int) -> dict[str, int]:
    """What a refund adds on the day it is made (its effect on the revenue is the move's, or, for a
    refund in part, `partial_refund_changes`)."""
    return {REFUNDS: 1, REFUNDED: amount_cents}


def full_refund_changes(rest_cents: int, units: int = 0) -> tuple[dict[str, int], dict[str, int]]:
    """A refund of all that was left moves a paid, shipped or delivered order to refunded: its rest
    and its units leave the day it was placed, and the order no longer brings revenue."""
    return {REVENUE: -rest_cents, UNITS: -units}, {EARNING: -1}


def partial_refund_changes(amount_cents: int) -> dict[str, int]:
    """What a refund that leaves the order's status as it is takes off the day the order was placed."""
    return {REVENUE: -amount_cents}


def undated_changes(status: str, orders_by_email: int) -> dict[str, int]:
    """What one new order adds to the all-time totals only. `orders_by_email` counts the new order
    too: at 1 its email has just become a customer with orders, at 2 a repeat customer."""
    return {
        EARNING: int(status in REVENUE_STATUSES),
        PENDING: int(status == "pending"),
        CUSTOMERS: int(orders_by_email == 1),
        REPEAT: int(orders_by_email == 2),
    }


class OrdersLedgerSource(LedgerSource):
    def __init__(self, customers: Sequence[CustomerBook] = ()) -> None:
        """`customers`: the customers module's book when it is on; see `rebuild_own`."""
        self._customers = customers

    def vendor_rows(self) -> SelectBase:
        earns = Order.status.in_(REVENUE_STATUSES)
        at = Order.created_at.label("at")
        # From the refunds themselves, not from `orders.refunded_cents`, which the writes keep
        refunded = (
            select(OrderRefund.order_id, func.sum(OrderRefund.amount_cents).label("cents"))
            .group_by(OrderRefund.order_id)
            .subquery()
        )
        kept = Order.total_cents - func.coalesce(refunded.c.cents, 0)
        lines = (
            select(OrderLine.order_id, func.sum(OrderLine.quantity).label("units"))
            .group_by(OrderLine.order_id)
            .subquery()
        )
        per_day = (
            select(
                Order.vendor_id,
                at,
                func.count().label("orders"),
                func.count(case((earns, 1))).label("earning"),
                func.coalesce(func.sum(case((earns, kept), else_=0)), 0).label("revenue"),
                func.count(case((Order.status == "pending", 1))).label("pending"),
                func.coalesce(func.sum(case((earns, lines.c.units), else_=0)), 0).label("units"),
            )
            .select_from(Order)
            .outerjoin(refunded, refunded.c.order_id == Order.id)
            .outerjoin(lines, lines.c.order_id == Order.id)
            .group_by(Order.vendor_id, at)
            .subquery()
        )
        refunds = (
            select(
                OrderRefund.vendor_id,
                OrderRefund.created_at.label("at"),
                func.count().label("refunds"),
                func.sum(OrderRefund.amount_cents).label("refunded"),
            )
            .group_by(OrderRefund.vendor_id, OrderRefund.created_at)
            .subquery()
        )
        refund_days = [
            select(refunds.c.vendor_id, literal(key, String), refunds.c.at, refunds.c[column])
            for key, column in ((REFUNDS, "refunds"), (REFUNDED, "refunded"))
        ]
        by_day = [
            select(per_day.c.vendor_id, literal(key, String), per_day.c.at, per_day.c[column])
            for key, column in ((COUNT, "orders"), (REVENUE, "revenue"), (UNITS, "units"))
        ]
        undated = [
            select(
                per_day.c.vendor_id, literal(key, String), null().cast(DateTime), func.sum(per_day.c[column])
            ).group_by(per_day.c.vendor_id)
            for key, column in ((EARNING, "earning"), (PENDING, "pending"))
        ]
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
        return union_all(*by_day, *refund_days, *undated, *customers)

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
