"""Create the one SQLAlchemy engine of a process, for the embedded SQLite file or PostgreSQL.

SQLite gets what a multi-threaded server needs from it (WAL so readers never wait for the writer,
a busy timeout instead of instant "database is locked", foreign keys on); PostgreSQL gets psycopg 3
even when the URL does not name a driver, since that is the driver Tessera ships.

PostgreSQL connections carry the bounds of `database.statement_timeout_ms`, `lock_timeout_ms`,
`connect_timeout_s` and TCP keepalives; a checkout waits at most `pool_timeout_s`. A server that
cannot enforce them (paused) has the connection cut by the client: `statement_bounds.py`.

A pooled PostgreSQL connection is pinged before use only if it sat idle in the pool for a while
(`PING_AFTER_IDLE_S`): that is when a server restart or an idle timeout may have closed it. Pinging
every checkout (`pool_pre_ping`) cost a round trip per use; a dashboard takes two connections, and
the pings took a fifth of its throughput. A connection back in the pool a moment ago is used as
is; if the server dropped it in that moment, that one statement fails and the pool reconnects.
"""

from __future__ import annotations

import logging
import time
from typing import Any

import msgspec
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, ExceptionContext, make_url
from sqlalchemy.exc import ArgumentError, DisconnectionError, SQLAlchemyError
from sqlalchemy.pool import ConnectionPoolEntry, PoolProxiedConnection

from adapters.database.pooled_bounds import TransactionBounds
from adapters.database.statement_bounds import bound_statements
from adapters.database.watchdog import cut_after
from kernel.errors import SettingsError
from kernel.persistence import SQLITE_LOCAL_DAY, sqlite_local_day
from kernel.settings import DatabaseSettings

__all__ = (
    "PING_AFTER_IDLE_S",
    "SQLITE_MMAP_BYTES",
    "create_database_engine",
    "create_metrics_engine",
    "database_url",
    "warm_up",
)

PING_AFTER_IDLE_S = 1.0

logger = logging.getLogger("tessera.database")

_URL_FIX = "use sqlite:///path/to/file.db or postgresql+psycopg://user:password@host:5432/dbname"


def database_url(url: str, source: str = "settings", key: str = "database.url") -> URL:
    """Parse and normalise the configured URL, naming the key when it is unusable."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise SettingsError(source, key, f"{url!r} is not a database URL", _URL_FIX) from None
    if parsed.get_backend_name() == "postgres":
        parsed = parsed.set(drivername="postgresql")
    backend, driver = parsed.get_backend_name(), parsed.get_driver_name()
    if backend not in ("postgresql", "sqlite"):
        raise SettingsError(source, key, f"unsupported database {backend!r}", _URL_FIX)
    if driver not in ("psycopg2", "psycopg", "pysqlite", ""):
        raise SettingsError(source, key, f"unsupported driver {driver!r}", _URL_FIX)
    if backend == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    elif parsed.database in (None, "", ":memory:"):
        raise SettingsError(
            source,
            key,
            "an in-memory SQLite database cannot be shared by worker threads",
            "name a file, e.g. sqlite:///tessera.db",
        )
    return parsed


SQLITE_MMAP_BYTES = 2**31 - 2**16
"""Read the file through a memory map, up to SQLite's own ceiling on Linux builds. Each connection's
page cache is its own (2 MB by default), so with a pool of them a large file was read again and
again through `read()` calls: the admin dashboard at ten million orders cost 0.5 ms more CPU than at
ten thousand, and its p50 grew by a third. Mapped, every connection shares the operating system's copy
(no growth left; docs/benchmarks.md, "Admin dashboard: small against xlarge")."""
_SQLITE_NO_BOUND_MS = 3_600_000  # SQLite's busy timeout of 0 means "never wait", not "no bound"


def _sqlite_pragmas(dbapi_connection: Any, busy_ms: int) -> None:
    """WAL so readers never wait for the writer; the file read through a memory map
    (`SQLITE_MMAP_BYTES`); a writer waits for another at most `busy_ms`
    (`database.lock_timeout_ms`), then fails with "database is locked", which the API answers 503.
    Also the local-day function SQLite lacks (`kernel.persistence.local_day_of`), on every connection:
    SQLite functions belong to a connection, not to the database file."""
    dbapi_connection.create_function(SQLITE_LOCAL_DAY, 2, sqlite_local_day, deterministic=True)
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_ms)}")
        cursor.execute(f"PRAGMA mmap_size={SQLITE_MMAP_BYTES}")
    finally:
        cursor.close()


def _ping_when_idle(engine: Engine, idle_s: float, within_s: float) -> None:
    """Ping on checkout a connection that was idle for `idle_s` or more; a dead one is replaced, and
    so is one whose server does not answer within `within_s` (a paused backend): the ping is cut
    (`watchdog.py`) instead of holding the caller until the backend wakes up."""
    dialect = engine.dialect

    def ping(dbapi_connection: Any) -> None:
        with cut_after(dbapi_connection, within_s):
            dialect.do_ping(dbapi_connection)

    def returned(_dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
        record.info["returned_at"] = time.monotonic()

    def checkout(dbapi_connection: Any, record: ConnectionPoolEntry, _proxy: PoolProxiedConnection) -> None:
        returned_at = record.info.pop("returned_at", None)
        if returned_at is None or time.monotonic() - returned_at < idle_s:
            return  # just connected, or in use a moment ago
        try:
            ping(dbapi_connection)
        except dialect.loaded_dbapi.Error as error:
            if dialect.is_disconnect(error, dbapi_connection, None):
                raise DisconnectionError("the pooled connection was closed") from error  # pool reconnects
            raise

    event.listen(engine, "checkin", returned)
    event.listen(engine, "checkout", checkout)


def create_database_engine(
    settings: DatabaseSettings,
    source: str = "settings",
    *,
    ping_after_idle_s: float = PING_AFTER_IDLE_S,
    overflow: int | None = None,
    application_name: str = "tessera",
) -> Engine:
    """`overflow`: connections beyond `pool_size` when all are busy (default: as many again).
    `application_name` is what PostgreSQL's `pg_stat_activity` shows for these connections."""
    url = database_url(settings.url, source)
    if url.get_backend_name() == "sqlite":
        busy_ms = settings.lock_timeout_ms or _SQLITE_NO_BOUND_MS
        engine = create_engine(
            url,
            echo=settings.echo,
            pool_size=settings.pool_size,
            max_overflow=settings.pool_size if overflow is None else overflow,
            pool_timeout=settings.pool_timeout_s,
            connect_args={"check_same_thread": False, "timeout": busy_ms / 1000},
        )
        event.listen(engine, "connect", lambda connection, record: _sqlite_pragmas(connection, busy_ms))
        return engine
    size = settings.pool_size
    engine = create_engine(
        url,
        echo=settings.echo,
        pool_size=size,
        max_overflow=size if overflow is None else overflow,
        pool_timeout=settings.pool_timeout_s,
        connect_args={**_postgres_bounds(settings), "application_name": application_name},
    )
    _ping_when_idle(engine, ping_after_idle_s, settings.watchdog_grace_ms / 1000)
    limit_ms = settings.statement_timeout_ms and settings.statement_timeout_ms + settings.watchdog_grace_ms
    per_transaction = None
    if settings.transaction_pooling:
        per_transaction = TransactionBounds(settings.statement_timeout_ms, settings.lock_timeout_ms)
    bound_statements(
        engine,
        statement_limit_s=limit_ms / 1000,
        lock_timeout_ms=settings.lock_timeout_ms,
        per_transaction=per_transaction,
    )
    return engine


def create_metrics_engine(settings: DatabaseSettings, workers: int, budget_s: float, source: str) -> Engine:
    """The dashboards' own pool: one connection per aggregator worker, so a provider finds one at once.

    Sharing the requests' pool let writes stalled on a lock hold every connection while dashboards
    waited `pool_timeout_s` for one, far past their budget. Here a worker never waits for another
    worker's connection; if one is missing (a call the watchdog has not cut yet) the wait is bounded
    by the dashboard's budget. A connection the watchdog cuts is discarded alone: the rest of the pool
    is healthy, unlike after a server restart, which the idle ping notices per connection.
    """
    sized = msgspec.structs.replace(settings, pool_size=workers, pool_timeout_s=budget_s)
    engine = create_database_engine(sized, source, overflow=0, application_name="tessera-dashboards")
    event.listen(engine, "handle_error", _keep_the_rest_of_the_pool)
    return engine


def warm_up(engine: Engine) -> None:
    """Connect once, so the first dashboard does not spend its budget on SQLAlchemy's first connect
    (which reads the server's version and settings); a database that is down is no error here."""
    try:
        with engine.connect():
            pass
    except SQLAlchemyError as error:
        logger.info("could not warm the dashboards' connection pool up: %s", type(error).__name__)


def _keep_the_rest_of_the_pool(context: ExceptionContext) -> None:
    if context.is_disconnect:
        context.invalidate_pool_on_disconnect = False


def _postgres_bounds(settings: DatabaseSettings) -> dict[str, Any]:
    """Every wait a request can meet has an end: connecting, a statement, a lock, and a peer that
    vanished without closing (TCP keepalives notice it within about 25 s instead of many minutes).
    A statement or lock past its bound fails with an OperationalError, which the API answers 503.

    Behind a transaction pooler (`database.transaction_pooling`) the statement and lock bounds are
    set per transaction instead (`pooled_bounds.py`), and psycopg prepares nothing: a statement it
    prepared on one server connection would be executed on another, which does not know it."""
    connecting = {
        "connect_timeout": settings.connect_timeout_s,
        "keepalives": 1,
        "keepalives_idle": 10,
        "keepalives_interval": 5,
        "keepalives_count": 3,
    }
    if settings.transaction_pooling:
        return connecting | {"prepare_threshold": None}
    options = (
        f"-c statement_timeout={settings.statement_timeout_ms} -c lock_timeout={settings.lock_timeout_ms}"
    )
    return connecting | {"options": options}
