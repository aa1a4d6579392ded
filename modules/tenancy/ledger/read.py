"""The ledger's reader: one statement for an owner's folded rows and its deltas not yet folded.

Rows come back as `(key, part, value)`, part 0 for all-time totals, 1 for the window and 2 for the
window before it; a key may come back twice in a part (folded and not yet), and the caller adds them up.
Asked for day keys too (a dashboard page's chart), the statement gets a fourth column, the day, and a
part 3: those keys' rows per local day of the window, placed as by_day.py places them, so the page reads
its dashboard and its chart in one statement on one worker. One statement reads one snapshot, and a fold
moves deltas into rows in one transaction, so the sum is the same before, during and after any fold. A
delta that carries a moment instead of a day (a write's: the fold gives it its owner's local day) is
placed by the context's windows, the owner's local midnights in UTC, which is exactly the day the fold
will give it.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Any

from sqlalchemy import (
    CompoundSelect,
    Date,
    Integer,
    String,
    and_,
    bindparam,
    case,
    cast,
    func,
    literal,
    literal_column,
    null,
    or_,
    select,
    union_all,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session

from kernel.context import MetricsContext, Owner
from kernel.contracts.ledger import LedgerReading
from kernel.persistence import UTCDateTime, local_day_of
from modules.tenancy.models import STORED_SCOPE, LedgerDay, LedgerDelta, LedgerTotal

__all__ = ("ReadStatements", "keys_named", "read_statement")


_Wanted = tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]


class ReadStatements:
    """Reads an owner's keys with the statement built for that set of keys, built once and kept."""

    def __init__(self) -> None:
        self._built: dict[_Wanted, CompoundSelect[Any]] = {}

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
        dialect = db.get_bind().dialect
        wanted: _Wanted = (
            dialect.name,
            tuple(sorted(keys)),
            tuple(sorted(prefixes)),
            tuple(sorted(day_keys)),
            tuple(sorted(day_prefixes)),
        )
        statement = self._built.get(wanted)
        if statement is None:
            statement = self._built[wanted] = read_statement(wanted[1], dialect, wanted[2], wanted[3:])
        if wanted[3] or wanted[4]:
            return _with_days(db, statement, _parameters(owner, context) | {"zone": context.timezone})
        found: tuple[dict[str, int], dict[str, int], dict[str, int]] = ({}, {}, {})
        for key, which, value in db.connection().execute(statement, _parameters(owner, context)):
            found[which][key] = found[which].get(key, 0) + int(value)
        return LedgerReading(totals=found[0], window=found[1], previous=found[2])


def _with_days(db: Session, statement: CompoundSelect[Any], parameters: dict[str, Any]) -> LedgerReading:
    """The reading of a statement with day rows: `(key, part, value, day)`, part 3 the days'."""
    found: tuple[dict[str, int], dict[str, int], dict[str, int]] = ({}, {}, {})
    days: dict[date, dict[str, int]] = {}
    # fetched at once: a month of a table's keys is hundreds of rows, and fetching them one by one
    # cost more than the statement
    for key, which, value, day in db.connection().execute(statement, parameters).all():
        sums = days.setdefault(day, {}) if which == 3 else found[which]
        sums[key] = sums.get(key, 0) + int(value)
    for day in list(days):  # days without figures are left out, as `read_days` leaves them
        kept = {key: value for key, value in days[day].items() if value}
        if kept:
            days[day] = kept
        else:
            del days[day]
    return LedgerReading(totals=found[0], window=found[1], previous=found[2], days=days)


def _parameters(owner: Owner, context: MetricsContext) -> dict[str, Any]:
    return {
        "scope": STORED_SCOPE[owner[0]],
        "owner": owner[1],
        "first": context.previous_date_from,
        "date_from": context.date_from,
        "date_to": context.date_to,
        "previous_start": context.previous_window.start,
        "start": context.window.start,
        "end": context.window.end,
    }


def _quoted(key: str, dialect: Dialect) -> str:
    return str(literal(key, String).compile(dialect=dialect, compile_kwargs={"literal_binds": True}))


def keys_named(column: Any, keys: tuple[str, ...], prefixes: tuple[str, ...], dialect: Dialect) -> Any:
    """The keys asked for: these, and each range of keys that starts with a prefix. A range, not a
    LIKE: `key >= 'orders.money.' AND key < 'orders.money/'` is an index range whatever the
    pattern rules, and the key columns sort bytewise (COLLATE "C" on PostgreSQL, BINARY on
    SQLite), so the range holds exactly the keys with that prefix."""
    named = [column.in_([literal_column(_quoted(key, dialect), String) for key in keys])]
    for prefix in prefixes:
        after = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        low, high = (literal_column(_quoted(bound, dialect), String) for bound in (prefix, after))
        named.append(and_(column >= low, column < high))
    return or_(*named)


def read_statement(
    keys: tuple[str, ...],
    dialect: Dialect,
    prefixes: tuple[str, ...] = (),
    day_keys: tuple[tuple[str, ...], tuple[str, ...]] = ((), ()),
) -> CompoundSelect[Any]:
    """Built once per set of keys and reused: on the dashboard's hot path, building the statement
    cost as much as running it. Everything that varies is a bound parameter. The keys, fixed for
    the statement, are written into its SQL as literals, quoted by the dialect: the driver then
    sees the same few parameters each time (psycopg caches its parsing only below 50 parameters,
    and a dashboard asks for over 20 keys), and nothing is rendered again per execution."""
    scope, owner = bindparam("scope", type_=String), bindparam("owner", type_=Integer)
    first, date_from = bindparam("first", type_=Date), bindparam("date_from", type_=Date)
    date_to = bindparam("date_to", type_=Date)
    totals = select(LedgerTotal.key, literal(0).label("part"), LedgerTotal.value.label("value")).where(
        LedgerTotal.scope == scope,
        LedgerTotal.owner_id == owner,
        keys_named(LedgerTotal.key, keys, prefixes, dialect),
    )
    part = case((LedgerDay.day >= date_from, 1), else_=2).label("part")
    days = (
        select(LedgerDay.key, part, func.sum(LedgerDay.value).label("value"))
        .where(
            LedgerDay.scope == scope,
            LedgerDay.owner_id == owner,
            keys_named(LedgerDay.key, keys, prefixes, dialect),
            LedgerDay.day >= first,
            LedgerDay.day <= date_to,
        )
        .group_by(LedgerDay.key, part)
    )
    previous_start, start = (
        bindparam("previous_start", type_=UTCDateTime()),
        bindparam("start", type_=UTCDateTime()),
    )
    end = bindparam("end", type_=UTCDateTime())
    # A delta changes one ledger row: neither day nor moment, the totals row; else that day's row.
    delta_part = case(
        (LedgerDelta.day >= date_from, 1),
        (LedgerDelta.day.is_not(None), 2),
        (LedgerDelta.at >= start, 1),
        (LedgerDelta.at.is_not(None), 2),
        else_=0,
    ).label("part")
    deltas = (
        select(LedgerDelta.key, delta_part, func.sum(LedgerDelta.value).label("value"))
        .where(
            LedgerDelta.scope == scope,
            LedgerDelta.owner_id == owner,
            keys_named(LedgerDelta.key, keys, prefixes, dialect),
            or_(
                and_(LedgerDelta.day.is_(None), LedgerDelta.at.is_(None)),
                LedgerDelta.day.between(first, date_to),
                and_(LedgerDelta.at >= previous_start, LedgerDelta.at < end),
            ),
        )
        .group_by(LedgerDelta.key, delta_part)
    )
    if not (day_keys[0] or day_keys[1]):
        return union_all(totals, days, deltas)
    no_day = cast(null(), Date).label("day")
    return union_all(
        totals.add_columns(no_day),
        days.add_columns(no_day),
        deltas.add_columns(no_day),
        *_day_rows(*day_keys, dialect),
    )


def _day_rows(keys: tuple[str, ...], prefixes: tuple[str, ...], dialect: Dialect) -> tuple[Any, Any]:
    """`(key, 3, value, day)`: the keys' folded rows of the window's days, and their deltas not yet
    folded on the owner's local day (bound `zone`), as by_day.py's `days_statement` reads them."""
    scope, owner = bindparam("scope", type_=String), bindparam("owner", type_=Integer)
    date_from, date_to = bindparam("date_from", type_=Date), bindparam("date_to", type_=Date)
    rows = select(LedgerDay.key, literal(3), LedgerDay.value, LedgerDay.day).where(
        LedgerDay.scope == scope,
        LedgerDay.owner_id == owner,
        keys_named(LedgerDay.key, keys, prefixes, dialect),
        LedgerDay.day.between(date_from, date_to),
    )
    delta_day = case(
        (LedgerDelta.day.is_not(None), LedgerDelta.day),
        else_=local_day_of(LedgerDelta.at, bindparam("zone", type_=String)),
    )
    deltas = select(LedgerDelta.key, literal(3), LedgerDelta.value, delta_day).where(
        LedgerDelta.scope == scope,
        LedgerDelta.owner_id == owner,
        keys_named(LedgerDelta.key, keys, prefixes, dialect),
        or_(LedgerDelta.day.is_not(None), LedgerDelta.at.is_not(None)),  # not a totals-only change
        delta_day.between(date_from, date_to),
    )
    return rows, deltas
