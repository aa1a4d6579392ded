"""Write one checked row of an import: the order at its own dates, through the pieces the API's
writes use (the order's statement, its lines, the per-email count, the ledger's changes, the
refunds' rows), so every figure is what the same history lived through the API would give.

The ledger gets the order on the day it was placed, what it kept (its total less its refunds, when
its status brings revenue), each refund on the day it was made, and the backlogs it went through at
the moments of its stamps (`backlog_moves`). Its email finds or adds its customer, at the moment
it was placed, as an order through the API does. Stock is not moved: these sales happened before
the shop came, and its stock counts already reflect them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import msgspec
from sqlalchemy.orm import Session

from contracts.customers import CustomerBook
from kernel.contracts.ledger import LedgerWriter
from kernel.ledger_metrics import in_currency
from modules.orders.external_ids import external_key
from modules.orders.idempotency import IdempotencyKeys
from modules.orders.import_check import CheckedRow
from modules.orders.ledger_keys import (
    AWAITING,
    PENDING,
    REVENUE,
    new_order_changes,
    refund_changes,
    undated_changes,
)
from modules.orders.lines import write_lines
from modules.orders.refunds import record_refund
from modules.orders.schemas import OrderOut
from modules.orders.service import _WriteStatements

__all__ = ("ImportWriter",)


def backlog_moves(
    status: str, placed: datetime, stamps: dict[str, datetime]
) -> list[tuple[str, datetime, int]]:
    """`(key, moment, change)` of the backlogs an order of this history entered and left: pending from
    its placing until it was paid or cancelled, awaiting shipment from its payment until it was
    shipped, cancelled or refunded; what `ledger_source.py` reads off the same stamps."""
    moves = [(PENDING, placed, 1)]
    if status != "pending":
        moves.append((PENDING, stamps.get("paid_at") or stamps["cancelled_at"], -1))
    paid = stamps.get("paid_at")
    if paid is not None:
        moves.append((AWAITING, paid, 1))
        if status != "paid":
            left = [stamps.get(name) for name in ("shipped_at", "cancelled_at", "refunded_at")]
            moves.append((AWAITING, next(at for at in left if at is not None), -1))
    return moves


class ImportWriter:
    def __init__(self, ledger: LedgerWriter, customers: Sequence[CustomerBook] = ()) -> None:
        self._ledger = ledger
        self._customers = customers
        self._statements = _WriteStatements()  # the API's own statements, built once
        self._keys = IdempotencyKeys()

    def write(self, session: Session, vendor_id: int, checked: CheckedRow, asked: str, now: datetime) -> bool:
        """Writes the row's order, unless an import that committed meanwhile wrote the same (False);
        one with other details meanwhile is a 409 for the whole batch (`keys.claim`)."""
        row = checked.row
        claim = self._keys.claim(session, vendor_id, external_key(row.external_id), asked, now)
        if claim.answer is not None:
            return False
        placed = row.placed_at.astimezone(UTC)
        stamps = {name: at.astimezone(UTC) for name, at in checked.stamps.items()}
        email, refunded = row.customer_email.lower(), checked.refunded
        values: dict[str, Any] = {"vendor_id": vendor_id, "customer_email": email, "status": row.status}
        values |= {"total_cents": checked.total, "currency": row.currency, "created_at": placed, **stamps}
        values |= {"refunded_cents": refunded, "units": checked.units, "external_id": row.external_id}
        connection = session.connection()
        order_id = int(connection.execute(self._statements.insert, values).scalar_one())
        write_lines(connection, order_id, vendor_id, row.lines)
        counted = {"vendor_id": vendor_id, "customer_email": email, "orders": 1}
        by_email = connection.execute(self._statements.count_email(session), counted).scalar_one()
        for book in self._customers:  # after the count, which holds the email's row: one adds it
            book.find_or_add(session, vendor_id, email, placed)
        currency = row.currency
        placed_changes = new_order_changes(row.status, checked.total, checked.units, currency)
        placed_changes[in_currency(REVENUE, currency)] -= (
            refunded if placed_changes[in_currency(REVENUE, currency)] else 0
        )
        self._ledger.record(
            session,
            vendor_id,
            placed_changes,
            at=placed,
            undated=undated_changes(row.status, int(by_email), currency),
        )
        for key, at, change in backlog_moves(row.status, placed, stamps):
            self._ledger.record(session, vendor_id, {key: change}, at=at)
        for amount, reason, at in checked.refunds:
            record_refund(connection, order_id, vendor_id, amount, reason, at.astimezone(UTC))
            self._ledger.record(session, vendor_id, refund_changes(amount, currency), at=at.astimezone(UTC))
        answer = OrderOut(
            id=order_id,
            vendor_id=vendor_id,
            customer_email=email,
            status=row.status,
            total_cents=checked.total,
            currency=row.currency,
            created_at=placed,
            refunded_cents=refunded,
            lines=list(row.lines),
            external_id=row.external_id,
            **stamps,
        )
        self._keys.remember(session, claim, msgspec.json.encode(answer))
        return True
