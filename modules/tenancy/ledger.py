"""The figures ledger (`kernel.contracts.figures`), kept by tenancy because it knows which platforms
each vendor is active on.

Concurrency. A write and a membership change must not miss each other: a write could read the
vendor's platforms, then a vendor joining a platform could copy the vendor's figures into it before
the write commits, and the platform would lack that write forever. So a write first takes a shared
lock on the vendor's row (many writes for one vendor still run side by side) and reads the
platforms after it; a membership change takes the exclusive lock before it copies. Rows are
upserted in one sorted order, so two writers never wait on each other in a cycle. SQLite runs one
writer at a time, so it needs neither.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Date,
    Integer,
    Select,
    SelectBase,
    String,
    and_,
    bindparam,
    case,
    delete,
    func,
    insert,
    literal,
    literal_column,
    null,
    select,
    true,
    union_all,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session

from kernel.context import MetricsContext
from kernel.contracts.figures import FigureObserver, FigureSource, LedgerFigures
from kernel.persistence import upsert_into
from modules.tenancy.models import FigureDay, FigureTotal, Vendor, VendorPlatform

__all__ = ("SqlFigureLedger",)

VENDOR, PLATFORM = "v", "p"
Owner = tuple[str, int]


def _upsert(db: Session, model: type[FigureTotal] | type[FigureDay], rows: list[dict[str, Any]]) -> None:
    """Add each row's value to the stored one, creating rows that do not exist yet."""
    if not rows:
        return
    table = model.__table__
    statement = upsert_into(db, model).values(rows)
    keys = [column.name for column in table.primary_key]
    db.execute(
        statement.on_conflict_do_update(
            index_elements=keys, set_={"value": table.c.value + statement.excluded.value}
        )
    )


def _upsert_from(db: Session, model: type[FigureTotal] | type[FigureDay], rows: Select[Any]) -> None:
    """`_upsert` for rows a SELECT computes in the database."""
    table = model.__table__
    columns = [column.name for column in table.columns]
    statement = upsert_into(db, model).from_select(columns, rows)
    keys = [column.name for column in table.primary_key]
    db.execute(
        statement.on_conflict_do_update(
            index_elements=keys, set_={"value": table.c.value + statement.excluded.value}
        )
    )


def _nonzero(changes: Mapping[str, int]) -> dict[str, int]:
    return {key: value for key, value in changes.items() if value}


def _owned_by(model: type[FigureTotal] | type[FigureDay], owner: Owner) -> ColumnElement[bool]:
    return and_(model.scope == owner[0], model.owner_id == owner[1])


class SqlFigureLedger:
    def __init__(self, observer: FigureObserver | None = None) -> None:
        self._observer = observer
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
            self._add(db, owners, totals, dated, day)

    def record_for_platform(
        self, db: Session, platform_id: int, changes: Mapping[str, int], day: date | None = None
    ) -> None:
        changed = _nonzero(changes)
        if changed:
            self._add(db, [(PLATFORM, platform_id)], changed, changed if day is not None else {}, day)

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
        """The vendor now counts on `after` instead of `before`: add its figures to the platforms it
        joined and take them off those it left."""
        old, new = set(before), set(after)
        if self._observer is not None and old != new:
            self._observer.figures_changed([(PLATFORM, platform) for platform in old ^ new])
        for platform_id, sign in sorted([(p, 1) for p in new - old] + [(p, -1) for p in old - new]):
            for model in (FigureTotal, FigureDay):
                copied = [
                    column
                    for column in model.__table__.columns
                    if column.name not in ("scope", "owner_id", "value")
                ]
                rows = (
                    select(literal(PLATFORM), literal(platform_id), *copied, model.value * sign)
                    .where(_owned_by(model, (VENDOR, vendor_id)))
                    .order_by(*copied)
                )
                _upsert_from(db, model, rows)

    # Rebuild: after bulk loads and migrations, from the modules' raw tables.

    def rebuild(self, db: Session, sources: Sequence[FigureSource]) -> None:
        """Replace the whole ledger with what `sources` compute from the raw tables.

        The tables are emptied first, so every row is written once with a plain INSERT ... SELECT
        (grouped so that no two rows share a key): at ten million orders an upsert per row would
        cost minutes more.
        """
        db.execute(delete(FigureDay))
        db.execute(delete(FigureTotal))
        own: list[SelectBase] = []
        for source in sources:
            source.rebuild_own(db)
            self._load(db, literal(VENDOR), source.vendor_rows())
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
        self._load(db, literal(PLATFORM), union_all(totals_from_vendors, *own), days=False)
        self._load(db, literal(PLATFORM), union_all(from_vendors, *own), totals=False)
        for table in (FigureTotal.__tablename__, FigureDay.__tablename__):
            # Every row is new: without fresh statistics the planner guesses one row per owner.
            db.connection().exec_driver_sql(f"ANALYZE {table}")

    def _load(
        self, db: Session, scope: Any, rows: SelectBase, *, totals: bool = True, days: bool = True
    ) -> None:
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

    def _add(
        self,
        db: Session,
        owners: list[Owner],
        totals: Mapping[str, int],
        dated: Mapping[str, int],
        day: date | None,
    ) -> None:
        if self._observer is not None:
            self._observer.figures_changed(owners)
        cells = sorted((scope, owner_id, key) for scope, owner_id in owners for key in totals)
        _upsert(
            db, FigureTotal, [{"scope": s, "owner_id": o, "key": k, "value": totals[k]} for s, o, k in cells]
        )
        if day is not None and dated:
            _upsert(
                db,
                FigureDay,
                [
                    {"scope": s, "owner_id": o, "key": k, "day": day, "value": dated[k]}
                    for s, o, k in cells
                    if k in dated
                ],
            )

    def _figures(
        self, db: Session, owner: Owner, keys: Collection[str], context: MetricsContext
    ) -> LedgerFigures:
        dialect = db.get_bind().dialect
        wanted = (dialect.name, tuple(sorted(keys)))
        statement = self._reads.get(wanted)
        if statement is None:
            statement = self._reads[wanted] = _read_statement(wanted[1], dialect)
        parameters = {
            "scope": owner[0],
            "owner": owner[1],
            "first": context.previous_date_from,
            "date_from": context.date_from,
            "date_to": context.date_to,
        }
        found: tuple[dict[str, int], dict[str, int], dict[str, int]] = ({}, {}, {})
        for key, which, value in db.connection().execute(statement, parameters):
            found[which][key] = int(value)
        return LedgerFigures(totals=found[0], window=found[1], previous=found[2])


def _quoted(key: str, dialect: Dialect) -> str:
    return str(literal(key, String).compile(dialect=dialect, compile_kwargs={"literal_binds": True}))


def _read_statement(keys: tuple[str, ...], dialect: Dialect) -> CompoundSelect[Any]:
    """Built once per set of keys and reused: on the dashboard's hot path, building the statement
    cost as much as running it. Everything that varies is a bound parameter. The keys, fixed for
    the statement, are written into its SQL as literals, quoted by the dialect: the driver then
    sees the same few parameters each time (psycopg caches its parsing only below 50 parameters,
    and a dashboard asks for over 20 keys), and nothing is rendered again per execution."""
    scope, owner = bindparam("scope", type_=String), bindparam("owner", type_=Integer)
    wanted = [literal_column(_quoted(key, dialect), String) for key in keys]
    date_from, date_to = bindparam("date_from", type_=Date), bindparam("date_to", type_=Date)
    totals = select(FigureTotal.key, literal(0).label("part"), FigureTotal.value.label("value")).where(
        FigureTotal.scope == scope, FigureTotal.owner_id == owner, FigureTotal.key.in_(wanted)
    )
    part = case((FigureDay.day >= date_from, 1), else_=2).label("part")
    days = (
        select(FigureDay.key, part, func.sum(FigureDay.value).label("value"))
        .where(
            FigureDay.scope == scope,
            FigureDay.owner_id == owner,
            FigureDay.key.in_(wanted),
            FigureDay.day >= bindparam("first", type_=Date),
            FigureDay.day <= date_to,
        )
        .group_by(FigureDay.key, part)
    )
    return union_all(totals, days)
