"""Folding: move the changes writers appended (`figure_deltas`) into the ledger rows they change.

Exactly once by atomicity: one transaction deletes a batch of deltas (`DELETE ... RETURNING`) and
adds what they sum to into `figure_totals` and `figure_days`. A folder killed half-way rolls back,
and its deltas are still there for the next one; a reader's statement sees the deltas or their sum,
never both and never neither. On PostgreSQL one folder runs at a time (a transaction-level advisory
lock that the others try and give up), so the ledger rows are updated by one transaction at a time
and never by a writer; the oldest deltas go first, skipping any another transaction has locked.
SQLite runs one writer at a time anyway.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any, cast

from sqlalchemy import Table, delete, func, select
from sqlalchemy.orm import Session

from kernel.context import Owner, Scope
from kernel.persistence import upsert_into
from kernel.time_zones import local_day
from modules.tenancy.models import SCOPE_STORED_AS, LedgerDay, LedgerDelta, LedgerTotal, Platform, Vendor

__all__ = ("FOLD_LOCK", "fold_deltas", "is_postgres", "owner_zones", "upsert")

FOLD_LOCK = 0x7E55E7A_F01D
"""The advisory lock key held by whoever folds or rebuilds (any fixed number no one else uses)."""

LedgerRows = type[LedgerTotal] | type[LedgerDay]


def is_postgres(db: Session) -> bool:
    return db.get_bind().dialect.name == "postgresql"


def upsert(db: Session, model: LedgerRows, rows: list[dict[str, Any]]) -> None:
    """Add each row's value to the stored one, creating rows that do not exist yet."""
    if not rows:
        return
    table = cast("Table", model.__table__)
    statement = upsert_into(db, table).values(rows)  # a Table's: no ORM bulk work on every value
    keys = [column.name for column in table.primary_key]
    db.execute(
        statement.on_conflict_do_update(
            index_elements=keys, set_={"value": table.c.value + statement.excluded.value}
        )
    )


def fold_deltas(db: Session, limit: int, before_upsert: Callable[[], None] | None = None) -> int:
    """Fold up to `limit` of the oldest deltas, in the caller's transaction; how many were folded
    (0 when another transaction is folding). `before_upsert` runs between the delete and the
    upserts: tests inject a failure there to show that nothing is lost or counted twice."""
    if is_postgres(db) and not db.execute(select(func.pg_try_advisory_xact_lock(FOLD_LOCK))).scalar():
        return 0
    oldest = select(LedgerDelta.id).order_by(LedgerDelta.id).limit(limit).with_for_update(skip_locked=True)
    taken = db.execute(
        delete(LedgerDelta)
        .where(LedgerDelta.id.in_(oldest.scalar_subquery()))
        .returning(
            LedgerDelta.scope,
            LedgerDelta.owner_id,
            LedgerDelta.key,
            LedgerDelta.day,
            LedgerDelta.at,
            LedgerDelta.value,
        )
        .execution_options(synchronize_session=False)
    ).all()
    dated = {(SCOPE_STORED_AS[code], owner_id) for code, owner_id, _, _, at, _ in taken if at is not None}
    zones = owner_zones(db, dated)
    totals: defaultdict[tuple[Any, ...], int] = defaultdict(int)
    days: defaultdict[tuple[Any, ...], int] = defaultdict(int)
    for scope, owner_id, key, day, at, value in taken:
        if at is not None:  # a moment: the owner's local day, in its zone as it stands now
            days[scope, owner_id, key, local_day(at, zones[SCOPE_STORED_AS[scope], owner_id])] += value
        elif day is None:
            totals[scope, owner_id, key] += value
        else:
            days[scope, owner_id, key, day] += value
    if before_upsert is not None:
        before_upsert()
    # One sorted order, totals before days: a rebuild or a second folder never waits in a cycle.
    upsert(
        db,
        LedgerTotal,
        [_row(("scope", "owner_id", "key"), cell, totals[cell]) for cell in sorted(totals) if totals[cell]],
    )
    upsert(
        db,
        LedgerDay,
        [_row(("scope", "owner_id", "key", "day"), cell, days[cell]) for cell in sorted(days) if days[cell]],
    )
    return len(taken)


def owner_zones(db: Session, owners: set[Owner]) -> dict[Owner, str]:
    """The time zone of each owner (an owner gone reads as UTC). A fold reads it under the fold lock,
    which a zone change holds while it re-buckets the owner's days (days.py), so a fold never
    buckets in a zone being left."""
    zones = dict.fromkeys(owners, "UTC")
    scopes: tuple[tuple[Scope, type[Vendor] | type[Platform]], ...] = (
        ("vendor", Vendor),
        ("platform", Platform),
    )
    for scope, model in scopes:
        ids = sorted(owner_id for kind, owner_id in owners if kind == scope)
        if ids:
            found = db.execute(select(model.id, model.timezone).where(model.id.in_(ids)))
            zones.update({(scope, owner_id): zone for owner_id, zone in found})
    return zones


def _row(names: tuple[str, ...], cell: tuple[Any, ...], value: int) -> dict[str, Any]:
    return {**dict(zip(names, cell, strict=True)), "value": value}
