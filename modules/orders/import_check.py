"""Check one row of an import on its own: the API's own checks (the row is converted into
`OrderRow`, an `OrderCreate` with history), then that its history is one the lifecycle allows.

- Placed before now; each stamp is of a step the order took on its way to its status (a cancelled
  order was never shipped; a refunded one may have been), in the order of the lifecycle. A stamp
  left out is the step before's (`placed_at` first), as `stamps_on_arrival` stamps a new order.
- Refunds only on orders that can have them (paid, shipped, delivered, refunded), after it was
  paid, never more than its total. Refunds of the whole total make the order refunded, so any other
  status is a contradiction; a refunded order whose refunds leave something gets one more refund,
  of the rest, at its `refunded_at`, as moving an order to refunded does.

What needs the database (the vendor, catalog products, external ids already there) is checked by
the import itself (order_import.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import msgspec

from contracts.currencies import checked_currency
from contracts.field_errors import FieldErrors
from kernel.errors import InvalidInputError, RowProblem
from modules.orders.import_schemas import OrderRow
from modules.orders.lifecycle import MOVES, STAMPS, stamps_on_arrival
from modules.orders.lines import priced_total
from modules.orders.refunds import REFUNDABLE

__all__ = ("CheckedRow", "check_row")

_IN_ORDER = ("paid_at", "shipped_at", "delivered_at", "cancelled_at", "refunded_at")
_STEP = {stamp: status for status, stamp in STAMPS.items()}


@dataclass(frozen=True, slots=True)
class CheckedRow:
    """A row the import can write: its order, total, units, every stamp and every refund
    (`(amount, reason, at)`, the rest of a refunded order's included)."""

    line: int
    row: OrderRow
    total: int
    units: int
    stamps: dict[str, datetime]
    refunds: list[tuple[int, str | None, datetime]] = field(default_factory=list)

    @property
    def refunded(self) -> int:
        return sum(amount for amount, _, _ in self.refunds)


def _taken_on_the_way(status: str) -> set[str]:
    """The stamps an order in `status` may carry: its own and those of every status before it."""
    before = {status}
    todo = [status]
    while todo:
        current = todo.pop()
        for earlier, moves in MOVES.items():
            if current in moves and earlier not in before:
                before.add(earlier)
                todo.append(earlier)
    return {STAMPS[name] for name in before if name in STAMPS}


def check_row(
    line: int, record: dict[str, Any], now: datetime, errors: FieldErrors, *, strict: bool
) -> CheckedRow | RowProblem:
    try:
        row = msgspec.convert(record, OrderRow, strict=strict)
        checked_currency(row.currency)  # the pattern says three capitals; ISO 4217 says which
        total = priced_total(row)
        stamps = _stamps(row, now)
        refunds = _refunds(row, total, stamps, now)
    except msgspec.ValidationError as error:
        explained = errors.explain(error, OrderRow)
        return RowProblem(line, explained.field, explained.message)
    except InvalidInputError as error:
        return RowProblem(line, error.field, error.message)
    units = sum(item.quantity for item in row.lines)
    return CheckedRow(line, row, total, units, stamps, refunds)


def _stamps(row: OrderRow, now: datetime) -> dict[str, datetime]:
    if row.placed_at > now:
        raise InvalidInputError("placed_at", "is in the future: an import brings past orders only")
    given = {name: at for name in _IN_ORDER if (at := getattr(row, name)) is not None}
    allowed = _taken_on_the_way(row.status)
    for name in given:
        if name not in allowed:
            raise InvalidInputError(
                name, f"a {row.status} order was never {_STEP[name]} on its way there: leave {name} out"
            )
    path = stamps_on_arrival(row.status, row.placed_at)
    stamps, last = dict(given), row.placed_at
    for name in _IN_ORDER:
        if name in given:
            last = given[name]
        elif name in path:
            if name == "refunded_at" and row.refunds:  # refunded when its last refund was made
                last = max(last, *(refund.refunded_at for refund in row.refunds))
            stamps[name] = last
    previous, previous_name = row.placed_at, "placed_at"
    for name in _IN_ORDER:  # those given: one left out is the one before it, never out of order
        if name in given:
            if stamps[name] < previous:
                raise InvalidInputError(name, f"is before {previous_name}: an order's steps come in order")
            if stamps[name] > now:
                raise InvalidInputError(name, "is in the future: an import brings past orders only")
            previous, previous_name = stamps[name], name
    return stamps


def _refunds(
    row: OrderRow, total: int, stamps: dict[str, datetime], now: datetime
) -> list[tuple[int, str | None, datetime]]:
    if row.refunds and row.status not in (*REFUNDABLE, "refunded"):
        raise InvalidInputError(
            "refunds", f"a {row.status} order has no refunds: only paid, shipped, delivered or refunded ones"
        )
    refunds = [(refund.amount_cents, refund.reason, refund.refunded_at) for refund in row.refunds]
    for index, (_, _, at) in enumerate(refunds):
        if at > now:
            raise InvalidInputError(f"refunds.{index}.refunded_at", "is in the future: past refunds only")
        if at < stamps.get("paid_at", row.placed_at):
            raise InvalidInputError(f"refunds.{index}.refunded_at", "is before the order was paid")
        if "refunded_at" in stamps and at > stamps["refunded_at"]:
            raise InvalidInputError(f"refunds.{index}.refunded_at", "is after the order's refunded_at")
    given = sum(amount for amount, _, _ in refunds)
    if given > total:
        raise InvalidInputError(
            "refunds", f"they give back {given} cents, more than the order's total, {total}"
        )
    if given == total and refunds and row.status != "refunded":
        raise InvalidInputError(
            "status", "the refunds give back the whole total, so the order is refunded: make status refunded"
        )
    if row.status == "refunded" and given < total:
        refunds.append((total - given, None, stamps["refunded_at"]))
    return refunds
