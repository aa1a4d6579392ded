"""What orders keep in the ledger (`kernel.contracts.ledger`): the keys, and the changes each write
makes to them. `ledger_source.py` computes the same rows from the raw tables.

Which date each key counts on:
- the day the order was placed: `count` (every order), `cancelled` (those cancelled since),
  `units` (the lines' quantities of orders that bring revenue), and per currency `revenue` (what the
  shop keeps of the orders that bring revenue: every status but cancelled and refunded, less what
  was refunded of them in part);
- the day of the refund: `refunds` (how many) and per currency `refunded` (how much);
- both: per currency `net`, the sales of the day (orders placed, every status but cancelled) less
  the refunds made that day, so a refund lowers the day it is given back, not the day of the sale;
- the moment the order enters or leaves the state: `pending` (awaiting payment) and
  `awaiting_shipment` (paid, not yet shipped): +1 when it comes in, -1 when it moves on, so their
  total is the backlog now and their sum over a period is how much it grew;
- no day (all-time totals): per currency `earning` (orders that bring revenue, the average's
  divisor), `customers` (customer emails with an order at that vendor) and `repeat_customers`
  (those with two or more).

Money is kept per currency (`currency_key`) and never added across currencies.
"""

from __future__ import annotations

from kernel.ledger_metrics import currency_key, in_currency
from modules.orders.models import REVENUE_STATUSES

__all__ = (
    "AWAITING",
    "CANCELLED",
    "COUNT",
    "CUSTOMERS",
    "EARNING",
    "NET",
    "PENDING",
    "REFUNDED",
    "REFUNDS",
    "REPEAT",
    "REVENUE",
    "UNITS",
    "backlog_changes",
    "full_refund_changes",
    "move_changes",
    "new_order_changes",
    "partial_refund_changes",
    "refund_changes",
    "undated_changes",
)

COUNT, CANCELLED, UNITS, REFUNDS, PENDING, AWAITING, REPEAT = (
    f"orders.{name}"
    for name in ("count", "cancelled", "units", "refunds", "pending", "awaiting_shipment", "repeat_customers")
)
REVENUE, REFUNDED, NET, EARNING = (
    currency_key("orders", name) for name in ("revenue", "refunded", "net", "earning")
)
CUSTOMERS = "orders.customers"


def _kept(status: str, total_cents: int, refunded_cents: int) -> int:
    """What an order adds to the revenue: its total less its refunds, if its status brings revenue."""
    return total_cents - refunded_cents if status in REVENUE_STATUSES else 0


def new_order_changes(status: str, total_cents: int, units: int, currency: str) -> dict[str, int]:
    """What one new order adds on the day it is placed (`units`: its lines' quantities)."""
    earns, sold = status in REVENUE_STATUSES, status != "cancelled"
    return {
        COUNT: 1,
        CANCELLED: int(not sold),
        UNITS: units if earns else 0,
        in_currency(REVENUE, currency): total_cents if earns else 0,
        in_currency(NET, currency): total_cents if sold else 0,
    }


def undated_changes(status: str, orders_by_email: int, currency: str) -> dict[str, int]:
    """What one new order adds to the all-time totals only. `orders_by_email` counts the new order
    too: at 1 its email has just become a customer with orders, at 2 a repeat customer."""
    return {
        in_currency(EARNING, currency): int(status in REVENUE_STATUSES),
        CUSTOMERS: int(orders_by_email == 1),
        REPEAT: int(orders_by_email == 2),
    }


def backlog_changes(before: str | None, after: str) -> dict[str, int]:
    """The backlogs an order leaves and enters at the moment it moves (`before` None: it is new)."""
    return {
        PENDING: int(after == "pending") - int(before == "pending"),
        AWAITING: int(after == "paid") - int(before == "paid"),
    }


def move_changes(
    before: str, after: str, total_cents: int, refunded_cents: int, units: int, currency: str
) -> tuple[dict[str, int], dict[str, int]]:
    """What an order moving from `before` to `after` changes on the day it was placed (revenue is
    counted by placed date, so a cancelled order leaves the revenue of the day it came in), and in
    the all-time totals. An order's count never changes: it was placed, whatever became of it. A
    move to refunded refunds the rest too: `refund_changes` adds that refund's own figures; the
    backlogs move at the moment of the move (`backlog_changes`)."""
    earned = int(after in REVENUE_STATUSES) - int(before in REVENUE_STATUSES)
    revenue = _kept(after, total_cents, refunded_cents) - _kept(before, total_cents, refunded_cents)
    cancelled = int(after == "cancelled")
    dated = {
        in_currency(REVENUE, currency): revenue,
        UNITS: earned * units,
        CANCELLED: cancelled,
        in_currency(NET, currency): -cancelled * total_cents,
    }
    return dated, {in_currency(EARNING, currency): earned}


def refund_changes(amount_cents: int, currency: str) -> dict[str, int]:
    """What a refund adds on the day it is made (its effect on the revenue is the move's, or, for a
    refund in part, `partial_refund_changes`)."""
    return {
        REFUNDS: 1,
        in_currency(REFUNDED, currency): amount_cents,
        in_currency(NET, currency): -amount_cents,
    }


def full_refund_changes(rest_cents: int, units: int, currency: str) -> tuple[dict[str, int], dict[str, int]]:
    """A refund of all that was left moves a paid, shipped or delivered order to refunded: its rest
    and its units leave the day it was placed, and the order no longer brings revenue."""
    return {in_currency(REVENUE, currency): -rest_cents, UNITS: -units}, {in_currency(EARNING, currency): -1}


def partial_refund_changes(amount_cents: int, currency: str) -> dict[str, int]:
    """What a refund that leaves the order's status as it is takes off the day the order was placed."""
    return {in_currency(REVENUE, currency): -amount_cents}
