"""Local days: which day of its owner a dated change lands on, and re-bucketing days when a zone changes.

Each vendor and each platform has an IANA time zone, and its `figure_days` rows are its own local
days. A write records the moment of a change (`LedgerDelta.at`), not a day: the fold buckets the
moment in the owner's zone as it stands when the delta is folded. Why not the writer? A writer that
read its platforms' zones could commit a day computed in a zone that changed meanwhile (on
PostgreSQL a statement that waited for a row lock still returns the other tables' rows as they were
when it started), and it would stay in the wrong day for good; the fold runs under the fold lock,
which a zone change holds while it re-buckets, so it always sees the zone the days are in.

A zone change deletes the owner's day rows and computes them again from the raw tables, in one
statement that subtracts the owner's deltas not yet folded: one snapshot sees a write's raw rows and
its delta together or neither, so the fold adds those deltas later exactly once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import DateTime, Select, String, delete, func, insert, literal, null, select, union_all
from sqlalchemy.orm import Session

from kernel.context import Owner
from kernel.contracts.ledger import LedgerSource
from kernel.persistence import local_day_of
from modules.tenancy.directory import active_vendor_ids
from modules.tenancy.ledger.fold import FOLD_LOCK, is_postgres, owner_zones
from modules.tenancy.models import STORED_SCOPE, LedgerDay, LedgerDelta

__all__ = ("dated_rows", "hold_folds", "rebucket_days", "vendor_days_in")


def dated_rows(sources: Sequence[LedgerSource], owner: Owner) -> list[Select[Any]]:
    """`(key, at, value)` of every dated raw row that counts for `owner`: a vendor's own, or those of
    the vendors active on a platform and the platform's own, with the owner's unfolded moment deltas
    subtracted (so the rest is exactly what its folded day rows hold)."""
    scope, owner_id = owner
    parts: list[Select[Any]] = []
    for source in sources:
        rows = source.vendor_rows().subquery()
        counted = rows.c[0] == owner_id if scope == "vendor" else rows.c[0].in_(active_vendor_ids(owner_id))
        parts.append(select(rows.c[1], rows.c[2], rows.c[3]).where(counted, rows.c[2].is_not(None)))
        owned = source.platform_rows() if scope == "platform" else None
        if owned is not None:
            own = owned.subquery()
            parts.append(
                select(own.c[1], own.c[2], own.c[3]).where(own.c[0] == owner_id, own.c[2].is_not(None))
            )
    unfolded = select(LedgerDelta.key, LedgerDelta.at, -LedgerDelta.value).where(
        LedgerDelta.scope == STORED_SCOPE[scope],
        LedgerDelta.owner_id == owner_id,
        LedgerDelta.at.is_not(None),
    )
    return [*parts, unfolded]


def _per_day(parts: list[Select[Any]], zone: str, sign: int = 1) -> Select[Any]:
    """`(key, day, value)`: `parts` summed per key and local day in `zone`."""
    rows = union_all(*parts).subquery()
    key, at, value = rows.c[0], rows.c[1], rows.c[2]
    day = local_day_of(at, literal(zone, String)).label("day")
    total = func.sum(value)
    return select(key, day, total * sign).group_by(key, day).having(total != 0)


def hold_folds(db: Session) -> None:
    """Keep folds (and rebuilds) out until the caller's transaction ends, waiting for one under way:
    under READ COMMITTED each later statement then sees every fold that committed first. Taken
    before the zone changes, before any row lock: a rebuild holding this lock may wait for a writer's
    rows, and that writer for the vendor row a zone change would hold, which would close a cycle."""
    if is_postgres(db):
        db.execute(select(func.pg_advisory_xact_lock(FOLD_LOCK)))


def rebucket_days(db: Session, sources: Sequence[LedgerSource], owner: Owner) -> None:
    """Rebuild the owner's day rows in its zone as it now stands, in the caller's transaction, which
    holds the fold lock (`hold_folds`) and has changed the owner's row. The owner's moved-in day
    deltas (a membership's copy, in the old zone) go too: the raw tables count those vendors again."""
    scope, owner_id = STORED_SCOPE[owner[0]], owner[1]
    hold_folds(db)  # held already: taking it again is a no-op
    zone = owner_zones(db, {owner})[owner]
    db.execute(delete(LedgerDay).where(LedgerDay.scope == scope, LedgerDay.owner_id == owner_id))
    db.execute(
        delete(LedgerDelta).where(
            LedgerDelta.scope == scope, LedgerDelta.owner_id == owner_id, LedgerDelta.day.is_not(None)
        )
    )
    parts = dated_rows(sources, owner)
    if len(parts) > 1:
        days = _per_day(parts, zone).subquery()
        rows = select(literal(scope), literal(owner_id), days.c[0], days.c[1], days.c[2])
        db.execute(insert(LedgerDay).from_select(["scope", "owner_id", "key", "day", "value"], rows))


def vendor_days_in(
    sources: Sequence[LedgerSource], vendor_id: int, platform_id: int, zone: str, sign: int
) -> Select[Any]:
    """The vendor's folded day figures, as `(scope, owner_id, key, day, at, value)` day deltas that
    add them to (sign 1) or take them off (-1) a platform whose zone differs from the vendor's: its
    day rows are in the wrong zone for the platform, so they are computed again from the raw tables
    in the platform's zone. A SELECT for the caller's one INSERT: a fold committing between two
    statements would move deltas from the part copied to the part computed, and count them twice."""
    days = _per_day(dated_rows(sources, ("vendor", vendor_id)), zone, sign).subquery()
    no_moment = null().cast(DateTime)
    platform = literal(STORED_SCOPE["platform"])
    return select(platform, literal(platform_id), days.c[0], days.c[1], no_moment, days.c[2])
