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

from sqlalchemy import SelectBase, delete, func, insert, literal, select, union_all
from sqlalchemy.orm import Session

from kernel.contracts.ledger import LedgerSource
from kernel.persistence import local_day_of
from modules.tenancy.directory import active_memberships
from modules.tenancy.ledger.fold import FOLD_LOCK, is_postgres
from modules.tenancy.models import (
    STORED_SCOPE,
    LedgerDay,
    LedgerDelta,
    LedgerTotal,
    Platform,
    Vendor,
)

__all__ = ("FoldInProgressError", "rebuild_from_sources")


class FoldInProgressError(RuntimeError):
    """Another transaction is folding: roll back and rebuild again in a new transaction."""


def rebuild_from_sources(db: Session, sources: Sequence[LedgerSource]) -> None:
    """Replace the whole ledger with what `sources` compute from the raw tables. It must be the first
    thing its transaction does (on PostgreSQL it sets the transaction's isolation).

    The tables are emptied first, so every row is written once with a plain INSERT ... SELECT
    (grouped so that no two rows share a key): at ten million orders an upsert per row would
    cost minutes more. Days come from the raw rows' moments, per owner: a platform's days are in its
    own zone, so they cannot be summed from its vendors' day rows when the zones differ.
    """
    if is_postgres(db):
        db.connection().exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        if not db.execute(select(func.pg_try_advisory_xact_lock(FOLD_LOCK))).scalar():
            raise FoldInProgressError("another transaction is folding the ledger")
    db.execute(delete(LedgerDelta))
    db.execute(delete(LedgerDay))
    db.execute(delete(LedgerTotal))
    members = active_memberships().subquery()
    for source in sources:  # all first: one module's may add rows another's counts (customers)
        source.rebuild_own(db)
    for source in sources:
        _load(db, STORED_SCOPE["vendor"], Vendor, source.vendor_rows())
        # A platform's rows: its active vendors' raw rows (bucketed in the platform's zone, not the
        # vendors') and what it owns itself. A plain SELECT each: SQLite refuses a UNION in a UNION.
        rows = source.vendor_rows().subquery()
        from_vendors = select(members.c.platform_id, rows.c[1], rows.c[2], rows.c[3]).join(
            members, members.c.vendor_id == rows.c[0]
        )
        owned = source.platform_rows()
        own = [] if owned is None else [select(owned.subquery())]
        _load(db, STORED_SCOPE["platform"], Platform, union_all(from_vendors, *own))
    for table in (LedgerTotal.__tablename__, LedgerDay.__tablename__):
        # Every row is new: without fresh statistics the planner guesses one row per owner.
        db.connection().exec_driver_sql(f"ANALYZE {table}")


def _load(db: Session, scope: str, owners: type[Vendor] | type[Platform], rows: SelectBase) -> None:
    """Insert `(owner, key, at|NULL, value)` rows, summed: into totals all of them, into days those
    with a moment, on the owner's local day in its zone (`owners` holds the zones)."""
    source = rows.subquery()
    owner, key, at, value = source.c[0], source.c[1], source.c[2], source.c[3]
    summed = select(literal(scope), owner, key, func.sum(value)).group_by(owner, key)
    db.execute(insert(LedgerTotal).from_select(["scope", "owner_id", "key", "value"], summed))
    day = local_day_of(at, owners.timezone)
    per_day = (
        select(literal(scope), owner, key, day, func.sum(value))
        .join(owners, owners.id == owner)
        .where(at.is_not(None))
        .group_by(owner, key, day)
    )
    db.execute(insert(LedgerDay).from_select(["scope", "owner_id", "key", "day", "value"], per_day))
