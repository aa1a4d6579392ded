"""The dashboard's one statement on the ledger: an owner's folded rows and its deltas not yet folded.

Rows come back as `(key, part, value)`, part 0 for all-time totals, 1 for the window and 2 for the
window before it; a key may come back twice in a part (folded and not yet), and the caller adds
them up. One statement reads one snapshot, and a fold moves deltas into rows in one transaction,
so the sum is the same before, during and after any fold. A delta that carries a moment instead of
a day (a write's: the fold gives it its owner's local day) is placed by the context's windows, the
owner's local midnights in UTC, which is exactly the day the fold will give it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    CompoundSelect,
    Date,
    Integer,
    String,
    and_,
    bindparam,
    case,
    func,
    literal,
    literal_column,
    or_,
    select,
    union_all,
)
from sqlalchemy.engine import Dialect

from kernel.persistence import UTCDateTime
from modules.tenancy.models import FigureDay, FigureDelta, FigureTotal

__all__ = ("read_statement",)


def _quoted(key: str, dialect: Dialect) -> str:
    return str(literal(key, String).compile(dialect=dialect, compile_kwargs={"literal_binds": True}))


def read_statement(keys: tuple[str, ...], dialect: Dialect) -> CompoundSelect[Any]:
    """Built once per set of keys and reused: on the dashboard's hot path, building the statement
    cost as much as running it. Everything that varies is a bound parameter. The keys, fixed for
    the statement, are written into its SQL as literals, quoted by the dialect: the driver then
    sees the same few parameters each time (psycopg caches its parsing only below 50 parameters,
    and a dashboard asks for over 20 keys), and nothing is rendered again per execution."""
    scope, owner = bindparam("scope", type_=String), bindparam("owner", type_=Integer)
    wanted = [literal_column(_quoted(key, dialect), String) for key in keys]
    first, date_from = bindparam("first", type_=Date), bindparam("date_from", type_=Date)
    date_to = bindparam("date_to", type_=Date)
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
            FigureDay.day >= first,
            FigureDay.day <= date_to,
        )
        .group_by(FigureDay.key, part)
    )
    previous_start, start = (
        bindparam("previous_start", type_=UTCDateTime()),
        bindparam("start", type_=UTCDateTime()),
    )
    end = bindparam("end", type_=UTCDateTime())
    # A delta changes one ledger row: neither day nor moment, the totals row; else that day's row.
    delta_part = case(
        (FigureDelta.day >= date_from, 1),
        (FigureDelta.day.is_not(None), 2),
        (FigureDelta.at >= start, 1),
        (FigureDelta.at.is_not(None), 2),
        else_=0,
    ).label("part")
    deltas = (
        select(FigureDelta.key, delta_part, func.sum(FigureDelta.value).label("value"))
        .where(
            FigureDelta.scope == scope,
            FigureDelta.owner_id == owner,
            FigureDelta.key.in_(wanted),
            or_(
                and_(FigureDelta.day.is_(None), FigureDelta.at.is_(None)),
                FigureDelta.day.between(first, date_to),
                and_(FigureDelta.at >= previous_start, FigureDelta.at < end),
            ),
        )
        .group_by(FigureDelta.key, delta_part)
    )
    return union_all(totals, days, deltas)
