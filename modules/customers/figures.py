"""What customers keep in the figures ledger (`kernel.contracts.figures`): one count, on the day each
customer was recorded, so the all-time total and "new in the period" both come from it.

The changes a new customer makes, and the same rows computed from the raw table for rebuilds and as
the reference the ledger is tested against.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from sqlalchemy import SelectBase, String, func, literal, select
from sqlalchemy.orm import Session

from modules.customers.models import Customer

__all__ = ("COUNT", "KEYS", "NEW_CUSTOMER", "CustomersFigureSource")

COUNT = "customers.count"
KEYS = (COUNT,)
NEW_CUSTOMER: Mapping[str, int] = MappingProxyType({COUNT: 1})


class CustomersFigureSource:
    def vendor_rows(self) -> SelectBase:
        at = Customer.created_at.label("at")
        return select(Customer.vendor_id, literal(COUNT, String), at, func.count()).group_by(
            Customer.vendor_id, at
        )

    def platform_rows(self) -> None:
        return None

    def rebuild_own(self, db: Session) -> None:
        """Nothing of its own to keep: the ledger's rows are all there is."""
