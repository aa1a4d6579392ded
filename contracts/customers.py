"""What the customers module offers the modules whose records name a customer by email (orders).

Orders does not require customers, so it never imports it: the root hands it a list of
`CustomerBook` (customers contributes one when it is enabled in settings; the list is empty
otherwise). Each new order finds its email's customer through it, or adds one, inside the order's
own transaction, so the customer, its figures and the order land together or not at all: every
email that ordered from a vendor is one of that vendor's customers.

Rows that arrive without the writes (seeded orders, orders recorded while customers was off) are
adopted in bulk before the ledger is rebuilt from the raw tables (`adopt`), so the rebuilt figures
count them.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from sqlalchemy import SelectBase
    from sqlalchemy.orm import Session

__all__ = ("CustomerBook",)


@runtime_checkable
class CustomerBook(Protocol):
    def find_or_add(self, db: Session, vendor_id: int, email: str, at: datetime) -> int:
        """The id of the vendor's customer with this email (lower-cased by the caller), added at
        `at` with its figures when there is none. In the caller's session and transaction (the
        caller commits); two callers adding the same email at once make one customer."""
        ...

    def adopt(self, db: Session, emails: SelectBase) -> int:
        """Make a customer of every `(vendor_id, email, at)` row of `emails` whose email (lower-case)
        the vendor does not have yet, recorded at `at`; returns how many were added. Records no
        figures: it is for a `LedgerSource.rebuild_own`, before the rebuild counts the raw rows."""
        ...
