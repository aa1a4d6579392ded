"""Create the one SQLAlchemy engine of a process, for the embedded SQLite file or PostgreSQL.

SQLite gets what a multi-threaded server needs from it (WAL so readers never wait for the writer,
a busy timeout instead of instant "database is locked", foreign keys on); PostgreSQL gets psycopg 3
even when the URL does not name a driver, since that is the driver Tessera ships.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from kernel.errors import SettingsError
from kernel.settings import DatabaseSettings

__all__ = ("create_database_engine", "database_url")

_URL_FIX = "use sqlite:///path/to/file.db or postgresql+psycopg://user:password@host:5432/dbname"


def database_url(url: str, source: str = "settings") -> URL:
    """Parse and normalise the configured URL, naming the key when it is unusable."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise SettingsError(source, "database.url", f"{url!r} is not a database URL", _URL_FIX) from None
    if parsed.get_backend_name() == "postgres":
        parsed = parsed.set(drivername="postgresql")
    backend, driver = parsed.get_backend_name(), parsed.get_driver_name()
    if backend not in ("postgresql", "sqlite"):
        raise SettingsError(source, "database.url", f"unsupported database {backend!r}", _URL_FIX)
    if driver not in ("psycopg2", "psycopg", "pysqlite", ""):
        raise SettingsError(source, "database.url", f"unsupported driver {driver!r}", _URL_FIX)
    if backend == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    elif parsed.database in (None, "", ":memory:"):
        raise SettingsError(
            source,
            "database.url",
            "an in-memory SQLite database cannot be shared by worker threads",
            "name a file, e.g. sqlite:///tessera.db",
        )
    return parsed


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=10000")
    finally:
        cursor.close()


def create_database_engine(settings: DatabaseSettings, source: str = "settings") -> Engine:
    url = database_url(settings.url, source)
    if url.get_backend_name() == "sqlite":
        engine = create_engine(
            url,
            echo=settings.echo,
            pool_size=settings.pool_size,
            max_overflow=settings.pool_size,
            connect_args={"check_same_thread": False, "timeout": 10},
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(
        url,
        echo=settings.echo,
        pool_size=settings.pool_size,
        max_overflow=settings.pool_size,
        pool_pre_ping=True,
    )
