"""Customers' side of `contracts.customers`: the orders module's way to its customers.

An order finds its email's customer, or adds one at the order's moment with its figures, in the
order's transaction. Most orders come from customers already known, so the customer is looked up
first and added only when missing; the add is an insert that does nothing on the (vendor, email)
constraint, so of two orders adding the same new email at once, one adds it and the other finds it
(on PostgreSQL the second insert waits for the first transaction, then reads its customer).
"""

from __future__ import annotations

from datetime import datetime
from typing import cast

from sqlalchemy import Executable, SelectBase, Table, and_, exists, insert, select
from sqlalchemy.orm import Session

from kernel.contracts.ledger import LedgerWriter
from kernel.persistence import upsert_into
from modules.customers.ledger_keys import NEW_CUSTOMER
from modules.customers.models import Customer
from modules.customers.service import normalise_email

__all__ = ("SqlCustomerBook",)


class SqlCustomerBook:
    """Implements `CustomerBook`; its statements are built once per dialect, as orders' own are."""

    def __init__(self, ledger: LedgerWriter) -> None:
        self._ledger = ledger
        self._table = cast("Table", Customer.__table__)
        self._adds: dict[str, Executable] = {}

    def find_or_add(self, db: Session, vendor_id: int, email: str, at: datetime) -> int:
        email = normalise_email(email)
        connection, table = db.connection(), self._table
        found = select(table.c.id).where(table.c.vendor_id == vendor_id, table.c.email == email)
        known = connection.execute(found).scalar()
        if known is not None:
            return int(known)
        row = {"vendor_id": vendor_id, "email": email, "name": None, "created_at": at}
        added = connection.execute(self._add(db), row).scalar()
        if added is None:  # another transaction added it meanwhile, and has committed
            return int(connection.execute(found).scalar_one())
        self._ledger.record(db, vendor_id, NEW_CUSTOMER, at=at)
        return int(added)

    def adopt(self, db: Session, emails: SelectBase) -> int:
        given = emails.subquery()
        vendor_id, email, at = given.c[0], given.c[1], given.c[2]
        table = self._table
        known = exists().where(and_(table.c.vendor_id == vendor_id, table.c.email == email))
        missing = select(vendor_id, email, at).where(~known)
        added = db.execute(insert(table).from_select(["vendor_id", "email", "created_at"], missing))
        return int(added.rowcount)  # type: ignore[attr-defined]

    def _add(self, db: Session) -> Executable:
        dialect = db.get_bind().dialect.name
        found = self._adds.get(dialect)
        if found is None:
            table = self._table
            found = self._adds[dialect] = (
                upsert_into(db, table)
                .on_conflict_do_nothing(index_elements=["vendor_id", "email"])
                .returning(table.c.id)
            )
        return found
