"""What every module's tables share: constraint names Alembic can rely on, UTC timestamps and days,
and the one INSERT both databases can turn into an upsert.

Each module declares its own `DeclarativeBase` with `module_metadata()`, so modules stay separate
(no module imports another's models) while their migrations name constraints the same way.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Date, DateTime, Dialect, MetaData
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import TypeDecorator

__all__ = ("NAMING_CONVENTION", "UTCDateTime", "day_of", "module_metadata", "upsert_into")

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


class day_of(FunctionElement[date]):  # noqa: N801 - used like a SQL function
    """The UTC day of a `UTCDateTime` column, as a DATE on both databases.

    `CAST(x AS DATE)` is right on PostgreSQL but gives the year as a number on SQLite, whose
    timestamps are text; `DATE(x)` there gives the 'YYYY-MM-DD' text its DATE columns hold.
    """

    type = Date()
    inherit_cache = True


@compiles(day_of)
def _day_of_default(element: day_of, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST({compiler.process(element.clauses, **kw)} AS DATE)"


@compiles(day_of, "sqlite")
def _day_of_sqlite(element: day_of, compiler: SQLCompiler, **kw: Any) -> str:
    return f"DATE({compiler.process(element.clauses, **kw)})"


def upsert_into(session: Session, model: type[Any]) -> postgresql.Insert | sqlite.Insert:
    """An INSERT that takes `ON CONFLICT … DO UPDATE`: both databases have it, each under its own
    dialect's `insert`."""
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(model)
    return sqlite.insert(model)
