"""The statements every ledger write runs, built once: building them cost more CPU than running
them (see sql_ledger.py for what a write does and why it locks what it locks).

All Core, run on the session's connection: an ORM statement sets up a compile and result context
for rows nothing maps, and an ORM insert of many rows walks every value through the mapper first.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import ARRAY, Connection, Integer, Table, bindparam, func, insert, select

from modules.tenancy.directory import active_memberships
from modules.tenancy.models import LedgerDelta, Vendor, VendorPlatform

__all__ = ("append_deltas", "counted_platforms", "lock_vendor")

Delta = tuple[str, int, str, datetime | None, int]
"""`(stored scope, owner id, key, moment or None, value)`: a write's delta never carries a day."""

_COLUMNS = ("scope", "owner_id", "key", "at", "value")
_TABLE = cast("Table", LedgerDelta.__table__)
_ROWS = insert(_TABLE)
"""SQLite: one statement run for many rows (executemany). Not a multi-row VALUES: its SQL differs
with the number of rows, and SQLAlchemy compiled it afresh for every write."""
_ARRAYS = (
    func.unnest(*(bindparam(name, type_=ARRAY(_TABLE.c[name].type)) for name in _COLUMNS))
    .table_valued(*_COLUMNS)
    .render_derived(name="delta")
)
_FROM_ARRAYS = insert(_TABLE).from_select(_COLUMNS, select(*(_ARRAYS.c[name] for name in _COLUMNS)))
"""PostgreSQL: one statement of five arrays, however many rows. psycopg runs an executemany as one
execution per row (pipelined), each its own round of Python in the driver and of work in the
server; this is one."""

_VENDOR = bindparam("vendor_id", type_=Integer)
_LOCK_VENDOR = {
    lock: select(Vendor.id).where(Vendor.id == _VENDOR).with_for_update(read=not lock)
    for lock in (False, True)
}
_COUNTED_PLATFORMS = (
    active_memberships()
    .with_only_columns(VendorPlatform.platform_id)
    .where(VendorPlatform.vendor_id == _VENDOR)
)


def append_deltas(connection: Connection, deltas: Sequence[Delta]) -> None:
    if connection.dialect.name == "postgresql":
        columns = zip(_COLUMNS, zip(*deltas, strict=True), strict=True)
        connection.execute(_FROM_ARRAYS, {name: list(column) for name, column in columns})
        return
    rows: list[dict[str, Any]] = [dict(zip(_COLUMNS, delta, strict=True)) for delta in deltas]
    connection.execute(_ROWS, rows)


def lock_vendor(connection: Connection, vendor_id: int, *, exclusive: bool) -> None:
    """PostgreSQL: a write's shared lock on its vendor's row, or a membership change's exclusive one."""
    connection.execute(_LOCK_VENDOR[exclusive], {"vendor_id": vendor_id})


def counted_platforms(connection: Connection, vendor_id: int) -> set[int]:
    return set(connection.execute(_COUNTED_PLATFORMS, {"vendor_id": vendor_id}).scalars())
