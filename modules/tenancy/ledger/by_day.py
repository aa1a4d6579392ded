"""The ledger read day by day: an owner's figures per local day (a chart's points), and a platform's
vendors ranked by one figure over a window.

Both read the folded day rows and the deltas not yet folded in one statement, whatever the length of
the window: a day row is already the owner's local day; a delta carries its day (a membership's
copy) or its moment, which is put on the owner's local day here exactly as the fold will put it
(`local_day_of` in the owner's zone), so the days read the same before, during and after a fold.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Date, Integer, String, and_, bindparam, case, func, literal, or_, select, union_all
from sqlalchemy.orm import Session

from kernel.context import Owner
from kernel.contracts.ledger import RankedVendor
from kernel.persistence import local_day_of
from modules.tenancy.directory import active_vendor_ids
from modules.tenancy.ledger.read import keys_named
from modules.tenancy.models import STORED_SCOPE, LedgerDay, LedgerDelta, Vendor

__all__ = ("read_days", "top_vendors")


def read_days(
    db: Session,
    owner: Owner,
    keys: Collection[str],
    date_from: date,
    date_to: date,
    zone: str,
    prefixes: Collection[str] = (),
) -> dict[date, dict[str, int]]:
    """`{day: {key: value}}` of the owner's keys per local day in `zone`, days without figures left out."""
    dialect = db.get_bind().dialect
    wanted, ranges = tuple(sorted(keys)), tuple(sorted(prefixes))
    scope, owner_id = literal(STORED_SCOPE[owner[0]], String), literal(owner[1], Integer)
    first, last = bindparam("date_from", type_=Date), bindparam("date_to", type_=Date)
    days = select(LedgerDay.key, LedgerDay.day, LedgerDay.value).where(
        LedgerDay.scope == scope,
        LedgerDay.owner_id == owner_id,
        keys_named(LedgerDay.key, wanted, ranges, dialect),
        LedgerDay.day.between(first, last),
    )
    delta_day = case(
        (LedgerDelta.day.is_not(None), LedgerDelta.day),
        else_=local_day_of(LedgerDelta.at, literal(zone, String)),
    )
    deltas = select(LedgerDelta.key, delta_day.label("day"), LedgerDelta.value).where(
        LedgerDelta.scope == scope,
        LedgerDelta.owner_id == owner_id,
        keys_named(LedgerDelta.key, wanted, ranges, dialect),
        or_(LedgerDelta.day.is_not(None), LedgerDelta.at.is_not(None)),  # not a totals-only change
        delta_day.between(first, last),
    )
    rows = union_all(days, deltas).subquery()
    # Grouped outside the union: PostgreSQL would not match a GROUP BY on the delta's day, whose
    # zone is a parameter, with the same expression in the SELECT.
    statement = select(rows.c.key, rows.c.day, func.sum(rows.c.value)).group_by(rows.c.key, rows.c.day)
    found: dict[date, dict[str, int]] = {}
    for key, day, value in db.execute(statement, {"date_from": date_from, "date_to": date_to}):
        if value:
            found.setdefault(day, {})[key] = int(value)
    return found


def top_vendors(
    db: Session, platform_id: int, keys: Sequence[str], date_from: date, date_to: date, limit: int
) -> list[RankedVendor]:
    """The platform's active vendors with any of `keys` over the dates, most of `keys[0]` first.

    Each vendor's rows are in its own zone: the dates are applied to them as they are (a vendor in
    Tokyo is ranked over its own 1 to 30 June). Computing every vendor's days again in the platform's
    zone would mean reading the raw tables of every module; a day at each end is all that differs."""
    scope = literal(STORED_SCOPE["vendor"], String)
    members = active_vendor_ids(literal(platform_id, Integer))
    first, last = bindparam("date_from", type_=Date), bindparam("date_to", type_=Date)
    days = select(LedgerDay.owner_id, LedgerDay.key, LedgerDay.value).where(
        LedgerDay.scope == scope,
        LedgerDay.owner_id.in_(members),
        LedgerDay.key.in_(keys),
        LedgerDay.day.between(first, last),
    )
    deltas = (
        select(LedgerDelta.owner_id, LedgerDelta.key, LedgerDelta.value)
        .join(Vendor, Vendor.id == LedgerDelta.owner_id)
        .where(
            LedgerDelta.scope == scope,
            LedgerDelta.owner_id.in_(members),
            LedgerDelta.key.in_(keys),
            or_(
                LedgerDelta.day.between(first, last),
                and_(
                    LedgerDelta.day.is_(None),
                    LedgerDelta.at.is_not(None),
                    local_day_of(LedgerDelta.at, Vendor.timezone).between(first, last),
                ),
            ),
        )
    )
    rows = union_all(days, deltas).subquery()
    sums: list[Any] = [
        func.sum(case((rows.c.key == key, rows.c.value), else_=0)).label(f"figure_{n}")
        for n, key in enumerate(keys)
    ]
    statement = (
        select(Vendor.id, Vendor.name, *sums)
        .join(rows, rows.c.owner_id == Vendor.id)
        .group_by(Vendor.id, Vendor.name)
        .having(or_(*(total != 0 for total in sums)))
        .order_by(sums[0].desc(), Vendor.id)
        .limit(limit)
    )
    return [
        RankedVendor(int(vendor_id), name, {key: int(value) for key, value in zip(keys, values, strict=True)})
        for vendor_id, name, *values in db.execute(statement, {"date_from": date_from, "date_to": date_to})
    ]
