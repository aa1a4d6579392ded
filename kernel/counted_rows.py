"""The commonest ledger source: a key that counts a table's rows, each at its moment.

New customers, new products, wishes: each row adds 1 to its vendor's key when it is written. Its
`LedgerSource` is always the same statement, so a module names the key and the two columns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import String, func, literal, select

from kernel.contracts.ledger import LedgerSource

if TYPE_CHECKING:
    from sqlalchemy import SelectBase

__all__ = ("CountedRows",)


class CountedRows(LedgerSource):
    """`CountedRows("customers.count", Customer.vendor_id, Customer.created_at)`."""

    def __init__(self, key: str, vendor_column: Any, moment_column: Any) -> None:
        self._key, self._vendor, self._moment = key, vendor_column, moment_column

    def vendor_rows(self) -> SelectBase:
        at = self._moment.label("at")
        rows = select(self._vendor, literal(self._key, String), at, func.count())
        return rows.group_by(self._vendor, at)
