"""Write one checked row of an import: the order at its own dates, through the pieces the API's
writes use (the order's statement, its lines, the per-email count, the ledger's changes, the
refunds' rows), so every figure is what the same history lived through the API would give.

The ledger gets the order on the day it was placed, what it kept (its total less its refunds, when
its status brings revenue), and each refund on the day it was made. Stock is not moved: these sales
happened before the shop came, and its stock counts already reflect them.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import msgspec
from sqlalchemy.orm import Session

from kernel.contracts.ledger import LedgerWriter
from modules.orders.external_ids import external_key
from modules.orders.idempotency import IdempotencyKeys
from modules.orders.import_check import CheckedRow
from modules.orders.ledger_keys import new_order_changes, refund_changes, undated_changes
from modules.orders.lines import write_lines
from modules.orders.refunds import record_refund
from modules.orders.schemas import OrderOut
from modules.orders.service import _WriteStatements

__all__ = ("ImportWriter",)


class ImportWriter:
    def __init__(self, ledger: LedgerWriter) -> None:
        self._ledger = ledger
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
        self._ledger.record(
            session,
            vendor_id,
            new_order_changes(row.status, checked.total - refunded, checked.units),
            at=placed,
            undated=undated_changes(row.status, int(by_email)),
        )
        for amount, reason, at in checked.refunds:
            record_refund(connection, order_id, vendor_id, amount, reason, at.astimezone(UTC))
            self._ledger.record(session, vendor_id, refund_changes(amount), at=at.astimezone(UTC))
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
