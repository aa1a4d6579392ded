"""The figures ledger (`kernel.contracts.figures`), kept by tenancy because it knows which platforms
each vendor is active on.

Writes append, a folder adds up. Every order used to upsert its platform's totals row and today's
day row in the writer's own transaction, so all the writes of a platform queued on the same few
rows until each writer committed (orders/s stayed flat at ~170 however many writers; measured in
SQL on a 2-core machine: an order insert alone ~7,900 tx/s, with a shared platform-day upsert
~900, with an appended delta row instead ~5,500). So a write now only INSERTs rows into
`figure_deltas`, one per ledger row it changes (a dated change is two: its total and its day), and
never updates a ledger row: no two writes share a row. `fold` (ledger_fold.py) later moves the
deltas into `figure_totals` and `figure_days` in batches, one transaction per batch, exactly once
by atomicity. A dashboard reads the owner's rows and its unfolded deltas in one statement, so it
sees every committed write whether folded or not.

Membership. A write and a membership change must not miss each other: a write could read the
vendor's platforms, then a vendor joining a platform could copy the vendor's figures into it before
the write commits, and the platform would lack that write forever. So a write first takes a shared
lock on the vendor's row (many writes for one vendor still run side by side: it is per vendor and
shared, not a hot row) and reads the platforms after it; a membership change takes the exclusive
lock before it copies. The copy is itself deltas, read and written in one statement: one snapshot,
so a fold commits wholly before or wholly after it. SQLite runs one writer at a time, so it needs
no locks.

Notification. Cached dashboards are told of a change (`FigureObserver`) after the writer commits:
told before, a dashboard computed between the two would be cached with the old figures.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date
from typing import Any

from sqlalchemy import (
    CompoundSelect,
    Date,
    and_,
    event,
    insert,
    literal,
    null,
    select,
    true,
    union_all,
)
from sqlalchemy.orm import Session

from kernel.context import MetricsContext
from kernel.contracts.figures import FigureObserver, FigureSource, LedgerFigures
from modules.tenancy.ledger_fold import fold_deltas
from modules.tenancy.ledger_read import read_statement
from modules.tenancy.ledger_rebuild import rebuild_ledger
from modules.tenancy.models import FigureDay, FigureDelta, FigureTotal, Vendor, VendorPlatform

__all__ = ("SqlFigureLedger",)

VENDOR, PLATFORM = "v", "p"
Owner = tuple[str, int]
_CHANGED = "tessera.figures_changed"
"""`Session.info` key: the owners this transaction changed, told to the observer at commit."""
_LISTENING = "tessera.figures_listening"


def _nonzero(changes: Mapping[str, int]) -> dict[str, int]:
    return {key: value for key, value in changes.items() if value}


class SqlFigureLedger:
    def __init__(
        self,
        observer: FigureObserver | None = None,
        fold_checkpoint: Callable[[], None] | None = None,
    ) -> None:
        """`fold_checkpoint` runs inside each fold between taking its deltas and adding them up
        (tests inject a failure there); production leaves it out."""
        self._observer = observer
        self._fold_checkpoint = fold_checkpoint
        self._reads: dict[tuple[str, tuple[str, ...]], CompoundSelect[Any]] = {}

    def record(
        self,
        db: Session,
        vendor_id: int,
        changes: Mapping[str, int],
        day: date | None = None,
        undated: Mapping[str, int] | None = None,
    ) -> None:
        dated = _nonzero(changes) if day is not None else {}
        totals = _nonzero({**(changes if day is None else {}), **(undated or {})})
        for key, value in dated.items():
            totals[key] = totals.get(key, 0) + value
        if totals:
            platforms = self._platforms(db, vendor_id, lock=False)
            owners = [(VENDOR, vendor_id), *((PLATFORM, platform) for platform in sorted(platforms))]
            self._append(db, owners, totals, dated, day)

    def record_for_platform(
        self, db: Session, platform_id: int, changes: Mapping[str, int], day: date | None = None
    ) -> None:
        changed = _nonzero(changes)
        if changed:
            self._append(db, [(PLATFORM, platform_id)], changed, changed if day is not None else {}, day)

    def vendor_figures(
        self, db: Session, vendor_id: int, keys: Collection[str], context: MetricsContext
    ) -> LedgerFigures:
        return self._figures(db, (VENDOR, vendor_id), keys, context)

    def platform_figures(
        self, db: Session, platform_id: int, keys: Collection[str], context: MetricsContext
    ) -> LedgerFigures:
        return self._figures(db, (PLATFORM, platform_id), keys, context)

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
        one statement."""
        old, new = set(before), set(after)
        moves = sorted([(p, 1) for p in new - old] + [(p, -1) for p in old - new])
        if not moves:
            return
        self._tell_after_commit(db, [(PLATFORM, platform) for platform, _ in moves])
        parts = [
            select(literal(PLATFORM), literal(platform_id), key, day, value * sign).where(
                scope == VENDOR, owner_id == vendor_id, value != 0
            )
            for platform_id, sign in moves
            for scope, owner_id, key, day, value in _vendor_columns()
        ]
        columns = ["scope", "owner_id", "key", "day", "value"]
        db.execute(insert(FigureDelta).from_select(columns, union_all(*parts)))

    # Folding and rebuilding: see ledger_fold.py and ledger_rebuild.py.

    def fold(self, db: Session, limit: int = 5000) -> int:
        """Fold up to `limit` of the oldest deltas into the ledger rows, in the caller's transaction;
        how many were folded (0 if none are left or another transaction is folding)."""
        return fold_deltas(db, limit, self._fold_checkpoint)

    def rebuild(self, db: Session, sources: Sequence[FigureSource]) -> None:
        """Replace the whole ledger with what `sources` compute from the raw tables; the first thing
        its transaction does. May raise `FoldInProgressError` or a serialization failure: then retry."""
        rebuild_ledger(db, sources)

    # Internals.

    def _platforms(self, db: Session, vendor_id: int, *, lock: bool) -> set[int]:
        memberships = (
            select(Vendor.is_active, VendorPlatform.platform_id)
            .select_from(Vendor)
            .outerjoin(
                VendorPlatform,
                and_(VendorPlatform.vendor_id == Vendor.id, VendorPlatform.is_active == true()),
            )
            .where(Vendor.id == vendor_id)
            .with_for_update(read=not lock, of=Vendor)
        )
        return {platform for active, platform in db.execute(memberships) if active and platform is not None}

    def _append(
        self,
        db: Session,
        owners: list[Owner],
        totals: Mapping[str, int],
        dated: Mapping[str, int],
        day: date | None,
    ) -> None:
        """One multi-row INSERT: a delta per owner and key for the totals, and one per owner and
        dated key for the day."""
        self._tell_after_commit(db, owners)
        rows: list[dict[str, Any]] = [
            {"scope": scope, "owner_id": owner_id, "key": key, "day": None, "value": value}
            for scope, owner_id in owners
            for key, value in totals.items()
        ]
        if day is not None:
            rows += [
                {"scope": scope, "owner_id": owner_id, "key": key, "day": day, "value": value}
                for scope, owner_id in owners
                for key, value in dated.items()
            ]
        db.execute(insert(FigureDelta).values(rows))

    def _tell_after_commit(self, db: Session, owners: Iterable[Owner]) -> None:
        """Tell the observer about `owners` once this session's transaction commits (nothing if it
        rolls back)."""
        if self._observer is None:
            return
        if not db.info.get(_LISTENING):  # once per session, which may run many transactions
            db.info[_LISTENING] = True
            event.listen(db, "after_commit", self._committed)
            event.listen(db, "after_rollback", _forget)
        db.info.setdefault(_CHANGED, set()).update(owners)

    def _committed(self, db: Session) -> None:
        changed = db.info.pop(_CHANGED, None)
        if changed and self._observer is not None:
            self._observer.figures_changed(sorted(changed))

    def _figures(
        self, db: Session, owner: Owner, keys: Collection[str], context: MetricsContext
    ) -> LedgerFigures:
        dialect = db.get_bind().dialect
        wanted = (dialect.name, tuple(sorted(keys)))
        statement = self._reads.get(wanted)
        if statement is None:
            statement = self._reads[wanted] = read_statement(wanted[1], dialect)
        parameters = {
            "scope": owner[0],
            "owner": owner[1],
            "first": context.previous_date_from,
            "date_from": context.date_from,
            "date_to": context.date_to,
        }
        found: tuple[dict[str, int], dict[str, int], dict[str, int]] = ({}, {}, {})
        for key, which, value in db.connection().execute(statement, parameters):
            found[which][key] = found[which].get(key, 0) + int(value)
        return LedgerFigures(totals=found[0], window=found[1], previous=found[2])


def _forget(db: Session) -> None:
    db.info.pop(_CHANGED, None)


def _vendor_columns() -> list[tuple[Any, ...]]:
    """`(scope, owner_id, key, day, value)` of each table that holds a vendor's figures: its totals
    (no day), its days and its unfolded deltas."""
    return [
        (model.scope, model.owner_id, model.key, day, model.value)
        for model, day in (
            (FigureTotal, null().cast(Date)),
            (FigureDay, FigureDay.__table__.c.day),
            (FigureDelta, FigureDelta.__table__.c.day),
        )
    ]
