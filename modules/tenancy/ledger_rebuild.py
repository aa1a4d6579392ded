"""Rebuild: the whole ledger computed afresh from the modules' raw tables, after bulk loads and
migrations, exact even while writers keep writing.

On PostgreSQL the rebuild reads and deletes in one snapshot (REPEATABLE READ): the deltas, totals
and days it deletes are exactly those the raw rows it reads already account for. A write committed
after that snapshot is in neither: its delta stays and is folded later, so it counts once. Folding
is kept out meanwhile (the folders' advisory lock), since a fold committed after the snapshot would
change ledger rows the rebuild then replaces.

The lock is tried, not waited for: a waiting statement would already have taken the snapshot, from
before the fold it waited for. `FoldInProgressError` says to try again in a new transaction; if a fold
commits between the snapshot and the lock (a few microseconds), the rebuild's delete of the rows
that fold changed fails with a serialization error instead, which is retried the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Date, SelectBase, delete, func, insert, literal, null, select, true, union_all
from sqlalchemy.orm import Session

from kernel.contracts.figures import FigureSource
from modules.tenancy.ledger_fold import FOLD_LOCK, is_postgres
from modules.tenancy.models import FigureDay, FigureDelta, FigureTotal, Vendor, VendorPlatform

__all__ = ("FoldInProgressError", "rebuild_ledger")

VENDOR, PLATFORM = "v", "p"


class FoldInProgressError(RuntimeError):
    """Another transaction is folding: roll back and rebuild again in a new transaction."""


def rebuild_ledger(db: Session, sources: Sequence[FigureSource]) -> None:
    """Replace the whole ledger with what `sources` compute from the raw tables. It must be the first
    thing its transaction does (on PostgreSQL it sets the transaction's isolation).

    The tables are emptied first, so every row is written once with a plain INSERT ... SELECT
    (grouped so that no two rows share a key): at ten million orders an upsert per row would
    cost minutes more.
    """
    if is_postgres(db):
        db.connection().exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        if not db.execute(select(func.pg_try_advisory_xact_lock(FOLD_LOCK))).scalar():
            raise FoldInProgressError("another transaction is folding the figures ledger")
    db.execute(delete(FigureDelta))
    db.execute(delete(FigureDay))
    db.execute(delete(FigureTotal))
    own: list[SelectBase] = []
    for source in sources:
        source.rebuild_own(db)
        _load(db, literal(VENDOR), source.vendor_rows())
        platform_rows = source.platform_rows()
        if platform_rows is not None:  # a plain SELECT: SQLite refuses a UNION nested in a UNION
            own.append(select(platform_rows.subquery()))
    members = (
        select(VendorPlatform.vendor_id, VendorPlatform.platform_id)
        .join(Vendor, Vendor.id == VendorPlatform.vendor_id)
        .where(VendorPlatform.is_active == true(), Vendor.is_active == true())
        .subquery()
    )
    day = FigureDay.__table__.c.day
    from_vendors = (
        select(members.c.platform_id, FigureDay.key, day, FigureDay.value)
        .join(members, members.c.vendor_id == FigureDay.owner_id)
        .where(FigureDay.scope == VENDOR)
    )
    totals_from_vendors = (
        select(members.c.platform_id, FigureTotal.key, null().cast(Date), FigureTotal.value)
        .join(members, members.c.vendor_id == FigureTotal.owner_id)
        .where(FigureTotal.scope == VENDOR)
    )
    # Platform totals = vendors' totals + the platform's own rows; platform days = vendors' days
    # + the platform's own dated rows. `_load` sums each of them.
    _load(db, literal(PLATFORM), union_all(totals_from_vendors, *own), days=False)
    _load(db, literal(PLATFORM), union_all(from_vendors, *own), totals=False)
    for table in (FigureTotal.__tablename__, FigureDay.__tablename__):
        # Every row is new: without fresh statistics the planner guesses one row per owner.
        db.connection().exec_driver_sql(f"ANALYZE {table}")


def _load(db: Session, scope: Any, rows: SelectBase, *, totals: bool = True, days: bool = True) -> None:
    """Insert `(owner, key, day|NULL, value)` rows, summed: into totals all of them, into days
    those with a day."""
    source = rows.subquery()
    owner, key, day, value = source.c[0], source.c[1], source.c[2], source.c[3]
    if totals:
        summed = select(scope, owner, key, func.sum(value)).group_by(owner, key)
        db.execute(insert(FigureTotal).from_select(["scope", "owner_id", "key", "value"], summed))
    if days:
        per_day = select(scope, owner, key, day, func.sum(value)).where(day.is_not(None))
        db.execute(
            insert(FigureDay).from_select(
                ["scope", "owner_id", "key", "day", "value"], per_day.group_by(owner, key, day)
            )
        )
