"""Create the one SQLAlchemy engine of a process, for the embedded SQLite file or PostgreSQL.

SQLite gets what a multi-threaded server needs from it (WAL so readers never wait for the writer,
a busy timeout instead of instant "database is locked", foreign keys on); PostgreSQL gets psycopg 3
even when the URL does not name a driver, since that is the driver Tessera ships.

A pooled PostgreSQL connection is pinged before use only if it sat idle in the pool for a while
(`PING_AFTER_IDLE_S`): that is when a server restart or an idle timeout may have closed it. Pinging
every checkout (`pool_pre_ping`) cost a round trip per use; a dashboard takes two connections, and
the pings took a fifth of its throughput. A connection back in the pool a moment ago is used as
is; if the server dropped it in that moment, that one statement fails and the pool reconnects.
"""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DisconnectionError
from sqlalchemy.pool import ConnectionPoolEntry, PoolProxiedConnection

from kernel.errors import SettingsError
from kernel.settings import DatabaseSettings

__all__ = ("PING_AFTER_IDLE_S", "create_database_engine", "database_url")

PING_AFTER_IDLE_S = 1.0

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


def _ping_when_idle(engine: Engine, idle_s: float) -> None:
    """Ping on checkout a connection that was idle for `idle_s` or more; a dead one is replaced."""
    dialect = engine.dialect

    def returned(_dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
        record.info["returned_at"] = time.monotonic()

    def checkout(dbapi_connection: Any, record: ConnectionPoolEntry, _proxy: PoolProxiedConnection) -> None:
        returned_at = record.info.pop("returned_at", None)
        if returned_at is None or time.monotonic() - returned_at < idle_s:
            return  # just connected, or in use a moment ago
        try:
            dialect.do_ping(dbapi_connection)
        except dialect.loaded_dbapi.Error as error:
            if dialect.is_disconnect(error, dbapi_connection, None):
                raise DisconnectionError("the pooled connection was closed") from error  # pool reconnects
            raise

    event.listen(engine, "checkin", returned)
    event.listen(engine, "checkout", checkout)


def create_database_engine(
    settings: DatabaseSettings, source: str = "settings", *, ping_after_idle_s: float = PING_AFTER_IDLE_S
) -> Engine:
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
    size = settings.pool_size
    engine = create_engine(url, echo=settings.echo, pool_size=size, max_overflow=size)
    _ping_when_idle(engine, ping_after_idle_s)
    return engine
