"""What customers keep in the ledger (`kernel.contracts.ledger`): one count, at the moment each
customer was recorded, so the all-time total and "new in the period" both come from it.

The change a new customer makes, and the same rows computed from the raw table, for rebuilds and as
the reference the ledger is tested against: one per customer, which `CountedRows` says.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from kernel.counted_rows import CountedRows
from modules.customers.models import Customer

__all__ = ("COUNT", "CUSTOMERS_SOURCE", "NEW_CUSTOMER")

COUNT = "customers.count"
NEW_CUSTOMER: Mapping[str, int] = MappingProxyType({COUNT: 1})
CUSTOMERS_SOURCE = CountedRows(COUNT, Customer.vendor_id, Customer.created_at)
