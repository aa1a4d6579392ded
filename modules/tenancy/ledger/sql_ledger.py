"""The ledger's reader and writer (`kernel.contracts.ledger`), kept by tenancy because it knows which
platforms each vendor is active on.

Writes append, a folder adds up. Every order used to upsert its platform's totals row and today's
day row in the writer's own transaction, so all the writes of a platform queued on the same few
rows until each writer committed (orders/s stayed flat at ~170 however many writers; measured in
SQL on a 2-core machine: an order insert alone ~7,900 tx/s, with a shared platform-day upsert
~900, with an appended delta row instead ~5,500). So a write now only INSERTs rows into
`figure_deltas`, one per ledger row it changes (a dated change is two: its total and its day), and
never updates a ledger row: no two writes share a row. `fold` (fold.py) later moves the
deltas into `figure_totals` and `figure_days` in batches, one transaction per batch, exactly once
by atomicity. A dashboard reads the owner's rows and its unfolded deltas in one statement (read.py),
so it sees every committed write whether folded or not.

Membership. A write and a membership change must not miss each other: a write could read the
vendor's platforms, then a vendor joining a platform could copy the vendor's figures into it before
the write commits, and the platform would lack that write forever. So a write first takes a shared
lock on the vendor's row (many writes for one vendor still run side by side: it is per vendor and
shared, not a hot row) and reads the platforms after it, in a second statement: on PostgreSQL a
statement that waited for a row lock returns the other tables' rows as they were when it started,
so a read in the locking statement would still see the memberships from before the change it
waited for. A membership change takes the exclusive lock before it copies. The copy is itself
deltas, read and written in one statement: one snapshot, so a fold commits wholly before or wholly
after it. SQLite runs one writer at a time, so it needs no locks.

Time zones. A dated change carries its moment (`at`), and the fold puts it in each owner's local
day (days.py says why not the writer). A membership copy moves day rows as they are only
between owners in the same zone; otherwise it computes the vendor's days again in the platform's.

Notification. Each write tells the owners whose figures it moved (`contracts.change_notices`,
kind `ledger`), for cached dashboards: every process hears of it once the writer commits (told
before, a dashboard computed between the two would be cached with the old figures).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Date,
    DateTime,
    insert,
    literal,
    null,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from contracts.change_notices import Change, ChangeNotices
from kernel.context import MetricsContext, Owner, Scope
from kernel.contracts.ledger import LedgerReading, LedgerSource, RankedVendor
from modules.tenancy.ledger.by_day import DayStatements
from modules.tenancy.ledger.days import hold_folds, rebucket_days, vendor_days_in
from modules.tenancy.ledger.fold import fold_deltas, is_postgres, owner_zones
from modules.tenancy.ledger.read import ReadStatements
from modules.tenancy.ledger.rebuild import rebuild_from_sources
from modules.tenancy.ledger.write import Delta, append_deltas, counted_platforms, lock_vendor
from modules.tenancy.models import (
    STORED_SCOPE,
    LedgerDay,
    LedgerDelta,
    LedgerTotal,
    Platform,
)

__all__ = ("SqlLedger",)


def _nonzero(changes: Mapping[str, int]) -> dict[str, int]:
    return {key: value for key, value in changes.items() if value}


class SqlLedger:
    def __init__(
        self,
        notices: ChangeNotices | None = None,
        fold_checkpoint: Callable[[], None] | None = None,
        sources: Callable[[], Sequence[LedgerSource]] = tuple,
    ) -> None:
        """`fold_checkpoint` runs inside each fold between taking its deltas and adding them up
        (tests inject a failure there); production leaves it out. `sources` (every enabled module's
        `LedgerSource`) compute days again when an owner's time zone changes, or when a vendor joins
        or leaves a platform in another zone. Asked for when needed, not given: inventory's source
        reads the catalog, which records into this ledger, so building them first would be a cycle."""
        self._notices = notices
        self._fold_checkpoint = fold_checkpoint
        self._sources = sources
        self._reads = ReadStatements()
        self._days = DayStatements()

    def record(
        self,
        db: Session,
        vendor_id: int,
        changes: Mapping[str, int],
        at: datetime | None = None,
        undated: Mapping[str, int] | None = None,
    ) -> None:
        dated = _nonzero(changes) if at is not None else {}
        totals = _nonzero({**(changes if at is None else {}), **(undated or {})})
        for key, value in dated.items():
            totals[key] = totals.get(key, 0) + value
        if totals:
            platforms = self._platforms(db, vendor_id, lock=False)
            owners: list[Owner] = [("vendor", vendor_id), *(("platform", p) for p in sorted(platforms))]
            self._append(db, owners, totals, dated, at)

    def record_for_platform(
        self, db: Session, platform_id: int, changes: Mapping[str, int], at: datetime | None = None
    ) -> None:
        changed = _nonzero(changes)
        if changed:
            self._append(db, [("platform", platform_id)], changed, changed if at is not None else {}, at)

    def read(
        self,
        db: Session,
        owner: Owner,
        keys: Collection[str],
        context: MetricsContext,
        prefixes: Collection[str] = (),
        day_keys: Collection[str] = (),
        day_prefixes: Collection[str] = (),
    ) -> LedgerReading:
        return self._reads.read(db, owner, keys, context, prefixes, day_keys, day_prefixes)

    def read_days(
        self,
        db: Session,
        owner: Owner,
        keys: Collection[str],
        date_from: date,
        date_to: date,
        zone: str,
        prefixes: Collection[str] = (),
    ) -> dict[date, dict[str, int]]:
        return self._days.read_days(db, owner, keys, date_from, date_to, zone, prefixes)

    def top_vendors(
        self,
        db: Session,
        platform_id: int,
        keys: Sequence[str],
        date_from: date,
        date_to: date,
        limit: int,
    ) -> list[RankedVendor]:
        return self._days.top_vendors(db, platform_id, keys, date_from, date_to, limit)

    # Membership: called by tenancy's own services, in their transaction.

    @contextmanager
    def membership_change(self, db: Session, vendor_id: int) -> Iterator[None]:
        """Wrap a change to the vendor's memberships or to its being active: the vendor's figures
        follow it onto the platforms it now counts on and off the others (see the module docstring
        for the lock taken first)."""
        before = self._platforms(db, vendor_id, lock=True)
        yield
        db.flush()
        self.move(db, vendor_id, before, self._platforms(db, vendor_id, lock=True))

    def move(self, db: Session, vendor_id: int, before: Iterable[int], after: Iterable[int]) -> None:
        """The vendor now counts on `after` instead of `before`: add its figures (its rows and its
        unfolded deltas) to the platforms it joined and take them off those it left, as deltas, in
        one statement (one snapshot: a fold lands wholly before or after it); days as they are to
        platforms in the vendor's zone, computed again in the platform's zone for the others
        (days.py). The platforms' rows are locked (shared) so that a zone change of one of them
        waits for this copy, or this copy for it."""
        old, new = set(before), set(after)
        moves = sorted([(p, 1) for p in new - old] + [(p, -1) for p in old - new])
        if not moves:
            return
        self._tell_after_commit(db, [("platform", platform) for platform, _ in moves])
        zones = dict(
            db.execute(
                select(Platform.id, Platform.timezone)
                .where(Platform.id.in_([platform for platform, _ in moves]))
                .order_by(Platform.id)
                .with_for_update(read=True)
            ).all()
        )
        own_zone = owner_zones(db, {("vendor", vendor_id)})["vendor", vendor_id]
        platform, vendor = STORED_SCOPE["platform"], STORED_SCOPE["vendor"]
        parts = [
            select(literal(platform), literal(platform_id), key, day, at, value * sign).where(
                scope == vendor, owner_id == vendor_id, value != 0
            )
            for platform_id, sign in moves
            for scope, owner_id, key, day, at, value in _vendor_columns(
                same_zone=zones[platform_id] == own_zone
            )
        ]
        parts += [
            vendor_days_in(self._sources(), vendor_id, platform_id, zones[platform_id], sign)
            for platform_id, sign in moves
            if zones[platform_id] != own_zone
        ]
        columns = ["scope", "owner_id", "key", "day", "at", "value"]
        db.execute(insert(LedgerDelta).from_select(columns, union_all(*parts)))

    def hold_folds(self, db: Session) -> None:
        """Before a transaction changes a time zone, first thing: see `days.hold_folds`."""
        hold_folds(db)

    def rebucket_days(self, db: Session, scope: Scope, owner_id: int) -> None:
        """After the owner's time zone changed in this transaction (which took `hold_folds` first):
        its day rows again, in the new zone (days.py). Its totals do not depend on the zone."""
        self._tell_after_commit(db, [(scope, owner_id)])
        rebucket_days(db, self._sources(), (scope, owner_id))

    # Folding and rebuilding: see fold.py and rebuild.py.

    def fold(self, db: Session, limit: int = 5000) -> int:
        """Fold up to `limit` of the oldest deltas into the ledger rows, in the caller's transaction;
        how many were folded (0 if none are left or another transaction is folding)."""
        return fold_deltas(db, limit, self._fold_checkpoint)

    def rebuild(self, db: Session, sources: Sequence[LedgerSource]) -> None:
        """Replace the whole ledger with what `sources` compute from the raw tables; the first thing
        its transaction does. May raise `FoldInProgressError` or a serialization failure: then retry."""
        rebuild_from_sources(db, sources)

    # Internals.

    def _platforms(self, db: Session, vendor_id: int, *, lock: bool) -> set[int]:
        """The platforms the vendor counts on, read after its row is locked (see the module docstring)."""
        connection = db.connection()
        if is_postgres(db):
            lock_vendor(connection, vendor_id, exclusive=lock)
        return counted_platforms(connection, vendor_id)

    def _append(
        self,
        db: Session,
        owners: list[Owner],
        totals: Mapping[str, int],
        dated: Mapping[str, int],
        at: datetime | None,
    ) -> None:
        """A delta per owner and key for the totals, and one per owner and dated key for the moment,
        which the fold puts in each owner's local day; one statement (write.py)."""
        self._tell_after_commit(db, owners)
        stored = [(STORED_SCOPE[scope], owner_id) for scope, owner_id in owners]
        deltas: list[Delta] = [
            (scope, owner, key, None, value) for scope, owner in stored for key, value in totals.items()
        ]
        if at is not None:
            deltas += [
                (scope, owner, key, at, value) for scope, owner in stored for key, value in dated.items()
            ]
        append_deltas(db.connection(), deltas)

    def _tell_after_commit(self, db: Session, owners: Iterable[Owner]) -> None:
        """Tell every process about `owners` once this session's transaction commits (nothing if it
        rolls back); the notices drop it at once while no dashboard is cached (`metrics.cache_ttl_s`)."""
        if self._notices is not None:
            self._notices.after_commit(db, Change.ledger(owners))


def _vendor_columns(*, same_zone: bool) -> list[tuple[Any, ...]]:
    """`(scope, owner_id, key, day, at, value)` of each table that holds a vendor's figures: its
    totals, its unfolded deltas and (for a platform in the vendor's zone) its days. Without them,
    the deltas that carry a day (none of a vendor's own: only a copy has a day)."""
    no_day, no_moment = null().cast(Date), null().cast(DateTime)
    delta = LedgerDelta.__table__.c
    tables: list[tuple[Any, Any, Any]] = [
        (LedgerTotal, no_day, no_moment),
        (LedgerDelta, delta.day, delta.at),
    ]
    if same_zone:
        tables.append((LedgerDay, LedgerDay.__table__.c.day, no_moment))
    return [(model.scope, model.owner_id, model.key, day, at, model.value) for model, day, at in tables]
