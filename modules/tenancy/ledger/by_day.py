"""The ledger read day by day: an owner's figures per local day (a chart's points), and a platform's
vendors ranked by one figure over a window.

Both read the folded day rows and the deltas not yet folded in one statement, whatever the length of
the window: a day row is already the owner's local day; a delta carries its day (a membership's
copy) or its moment, which is put on the owner's local day here exactly as the fold will put it
(`local_day_of` in the owner's zone), so the days read the same before, during and after a fold.

Each statement is built once per set of keys and kept (`DayStatements`), everything that varies a
bound parameter, as read.py's are: the dashboard page reads both on every view, and building them
(the keys quoted into the SQL, the cache key of the whole tree) cost more than running them.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Date, Integer, Select, String, and_, bindparam, case, func, or_, select, union_all
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session

from kernel.context import Owner
from kernel.contracts.ledger import RankedVendor
from kernel.persistence import local_day_of
from modules.tenancy.directory import active_vendor_ids
from modules.tenancy.ledger.read import keys_named
from modules.tenancy.models import STORED_SCOPE, LedgerDay, LedgerDelta, Vendor

__all__ = ("DayStatements",)

_FIRST, _LAST = bindparam("date_from", type_=Date), bindparam("date_to", type_=Date)


def days_statement(keys: tuple[str, ...], prefixes: tuple[str, ...], dialect: Dialect) -> Select[Any]:
    """An owner's keys per local day: `(key, day, sum)`; bound `scope`, `owner`, `zone` and the dates."""
    scope, owner_id = bindparam("scope", type_=String), bindparam("owner", type_=Integer)
    days = select(LedgerDay.key, LedgerDay.day, LedgerDay.value).where(
        LedgerDay.scope == scope,
        LedgerDay.owner_id == owner_id,
        keys_named(LedgerDay.key, keys, prefixes, dialect),
        LedgerDay.day.between(_FIRST, _LAST),
    )
    delta_day = case(
        (LedgerDelta.day.is_not(None), LedgerDelta.day),
        else_=local_day_of(LedgerDelta.at, bindparam("zone", type_=String)),
    )
    deltas = select(LedgerDelta.key, delta_day.label("day"), LedgerDelta.value).where(
        LedgerDelta.scope == scope,
        LedgerDelta.owner_id == owner_id,
        keys_named(LedgerDelta.key, keys, prefixes, dialect),
        or_(LedgerDelta.day.is_not(None), LedgerDelta.at.is_not(None)),  # not a totals-only change
        delta_day.between(_FIRST, _LAST),
    )
    rows = union_all(days, deltas).subquery()
    # Grouped outside the union: PostgreSQL would not match a GROUP BY on the delta's day, whose
    # zone is a parameter, with the same expression in the SELECT.
    return select(rows.c.key, rows.c.day, func.sum(rows.c.value)).group_by(rows.c.key, rows.c.day)


def ranking_statement(keys: tuple[str, ...], limit: int) -> Select[Any]:
    """A platform's vendors ranked by `keys[0]`: `(id, name, *sums)`; bound `platform` and the dates.

    Each vendor's rows are in its own zone: the dates are applied to them as they are (a vendor in
    Tokyo is ranked over its own 1 to 30 June). Computing every vendor's days again in the platform's
    zone would mean reading the raw tables of every module; a day at each end is all that differs."""
    scope = bindparam("scope", STORED_SCOPE["vendor"], type_=String)
    members = active_vendor_ids(bindparam("platform", type_=Integer))
    days = select(LedgerDay.owner_id, LedgerDay.key, LedgerDay.value).where(
        LedgerDay.scope == scope,
        LedgerDay.owner_id.in_(members),
        LedgerDay.key.in_(keys),
        LedgerDay.day.between(_FIRST, _LAST),
    )
    deltas = (
        select(LedgerDelta.owner_id, LedgerDelta.key, LedgerDelta.value)
        .join(Vendor, Vendor.id == LedgerDelta.owner_id)
        .where(
            LedgerDelta.scope == scope,
            LedgerDelta.owner_id.in_(members),
            LedgerDelta.key.in_(keys),
            or_(
                LedgerDelta.day.between(_FIRST, _LAST),
                and_(
                    LedgerDelta.day.is_(None),
                    LedgerDelta.at.is_not(None),
                    local_day_of(LedgerDelta.at, Vendor.timezone).between(_FIRST, _LAST),
                ),
            ),
        )
    )
    rows = union_all(days, deltas).subquery()
    sums: list[Any] = [
        func.sum(case((rows.c.key == key, rows.c.value), else_=0)).label(f"figure_{n}")
        for n, key in enumerate(keys)
    ]
    return (
        select(Vendor.id, Vendor.name, *sums)
        .join(rows, rows.c.owner_id == Vendor.id)
        .group_by(Vendor.id, Vendor.name)
        .having(or_(*(total != 0 for total in sums)))
        .order_by(sums[0].desc(), Vendor.id)
        .limit(limit)
    )


class DayStatements:
    """Reads day rows with the statement built for that set of keys, built once and kept."""

    def __init__(self) -> None:
        self._days: dict[tuple[str, tuple[str, ...], tuple[str, ...]], Select[Any]] = {}
        self._rankings: dict[tuple[tuple[str, ...], int], Select[Any]] = {}

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
        """`{day: {key: value}}`: the owner's keys per local day in `zone`, days without figures out."""
        dialect = db.get_bind().dialect
        wanted = (dialect.name, tuple(sorted(keys)), tuple(sorted(prefixes)))
        statement = self._days.get(wanted)
        if statement is None:
            statement = self._days[wanted] = days_statement(wanted[1], wanted[2], dialect)
        parameters = {
            "scope": STORED_SCOPE[owner[0]],
            "owner": owner[1],
            "zone": zone,
            "date_from": date_from,
            "date_to": date_to,
        }
        found: dict[date, dict[str, int]] = {}
        for key, day, value in db.connection().execute(statement, parameters).all():
            if value:
                found.setdefault(day, {})[key] = int(value)
        return found

    def top_vendors(
        self, db: Session, platform_id: int, keys: Sequence[str], date_from: date, date_to: date, limit: int
    ) -> list[RankedVendor]:
        """The platform's active vendors with any of `keys` over the dates, most of `keys[0]` first."""
        wanted = (tuple(keys), limit)
        statement = self._rankings.get(wanted)
        if statement is None:
            statement = self._rankings[wanted] = ranking_statement(*wanted)
        parameters = {"platform": platform_id, "date_from": date_from, "date_to": date_to}
        return [
            RankedVendor(
                int(vendor_id), name, {key: int(value) for key, value in zip(keys, values, strict=True)}
            )
            for vendor_id, name, *values in db.connection().execute(statement, parameters).all()
        ]
