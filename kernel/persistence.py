"""What every module's tables share: constraint names Alembic can rely on, UTC timestamps, local days,
and the one INSERT both databases can turn into an upsert.

Each module declares its own `DeclarativeBase` with `module_metadata()`, so modules stay separate
(no module imports another's models) while their migrations name constraints the same way.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Date, DateTime, Dialect, MetaData, Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import TypeDecorator

from kernel.time_zones import zone

__all__ = (
    "NAMING_CONVENTION",
    "SQLITE_LOCAL_DAY",
    "UTCDateTime",
    "local_day_of",
    "module_metadata",
    "sqlite_local_day",
    "upsert_into",
)

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def module_metadata() -> MetaData:
    return MetaData(naming_convention=NAMING_CONVENTION)


class UTCDateTime(TypeDecorator[datetime]):
    """Store naive UTC, hand back aware UTC.

    SQLite has no time zones and compares timestamps as text, so every value is normalised to UTC
    before it is written; the same column type on PostgreSQL keeps both databases counting the same
    rows for the same window.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is not None:
            value = value.astimezone(UTC)
        return value.replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC)


class local_day_of(FunctionElement[date]):  # noqa: N801 - used like a SQL function
    """`local_day_of(timestamp, zone)`: the day a `UTCDateTime` column falls on in the IANA `zone`
    (a column or a value), as a DATE on both databases; the one place the two differ.

    PostgreSQL converts with its own zone database: `(ts AT TIME ZONE 'UTC') AT TIME ZONE zone`.
    SQLite has none, so every SQLite connection gets `SQLITE_LOCAL_DAY`, a deterministic function that
    converts with Python's zoneinfo (adapters/database/engine.py registers it).
    """

    type = Date()
    inherit_cache = True


SQLITE_LOCAL_DAY = "tessera_local_day"


def sqlite_local_day(stored: str | None, zone_name: str | None) -> str | None:
    """The SQL function behind `local_day_of` on SQLite: 'YYYY-MM-DD' of a stored naive-UTC timestamp
    ('YYYY-MM-DD HH:MM:SS[.ffffff]') in `zone_name`; NULL in, NULL out."""
    if stored is None or zone_name is None:
        return None
    if zone_name == "UTC":
        return stored[:10]
    moment = datetime.fromisoformat(stored).replace(tzinfo=UTC)
    return moment.astimezone(zone(zone_name)).date().isoformat()


@compiles(local_day_of)
def _local_day_default(element: local_day_of, compiler: SQLCompiler, **kw: Any) -> str:
    moment, zone_name = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"CAST(({moment} AT TIME ZONE 'UTC') AT TIME ZONE {zone_name} AS DATE)"


@compiles(local_day_of, "sqlite")
def _local_day_sqlite(element: local_day_of, compiler: SQLCompiler, **kw: Any) -> str:
    return f"{SQLITE_LOCAL_DAY}({compiler.process(element.clauses, **kw)})"


def upsert_into(session: Session, model: type[Any] | Table) -> postgresql.Insert | sqlite.Insert:
    """An INSERT that takes `ON CONFLICT … DO UPDATE`: both databases have it, each under its own
    dialect's `insert`. Into a `Table` for a Core statement (no ORM work when it runs)."""
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(model)
    return sqlite.insert(model)
