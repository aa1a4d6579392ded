"""Sessions for metrics providers that the aggregator can interrupt when a provider overruns.

Each session owns its connection from the start, so the DBAPI connection to cancel is known
before the provider runs. Interrupting hands the call to the connection watchdog (`watchdog.py`):
it cancels through the driver's own thread-safe call (psycopg sends a cancel request to the server,
sqlite3 sets its interrupt flag), and if the call still has not returned after the grace, it cuts
the connection's socket. Either way the provider's call fails and its worker is free again; a cut
connection is discarded rather than returned to the pool.

The connection is in autocommit: providers only read, and a transaction would cost a BEGIN and a
ROLLBACK, two round trips to PostgreSQL around each read of a few rows.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from adapters.database.watchdog import ConnectionWatchdog, sever

__all__ = ("EngineSessions",)

_CANCEL_WAIT_S = 0.5


class _Handle:
    """One provider call's session; `interrupt()` may come from any thread, at any time."""

    def __init__(self, session: Session, dbapi_connection: Any, watchdog: ConnectionWatchdog) -> None:
        self._session = session
        self._dbapi_connection = dbapi_connection
        self._watchdog = watchdog
        self._lock = threading.Lock()
        self._finished = threading.Event()

    @property
    def session(self) -> Session:
        return self._session

    def interrupt(self) -> None:
        """Returns at once: the watchdog cancels, then cuts if the cancel does not take."""
        self._watchdog.stop(self)

    def cancel(self) -> None:
        """Under the lock, so a cancel never reaches a connection given back and lent to another."""
        with self._lock:
            if self._finished.is_set():
                return
            connection = self._dbapi_connection
            if hasattr(connection, "cancel_safe"):  # psycopg 3
                connection.cancel_safe(timeout=_CANCEL_WAIT_S)
            elif hasattr(connection, "interrupt"):  # sqlite3
                connection.interrupt()

    def wait_finished(self, timeout_s: float) -> bool:
        return self._finished.wait(timeout_s)

    def sever(self) -> None:
        """Under the lock: a connection already given back (and perhaps lent again) is never cut."""
        with self._lock:
            if not self._finished.is_set():
                sever(self._dbapi_connection)

    def finish(self) -> None:
        with self._lock:
            self._finished.set()


class EngineSessions:
    """`InterruptibleSessions` on top of one engine (the metrics engine: see `engine.py`)."""

    def __init__(self, engine: Engine, watchdog: ConnectionWatchdog) -> None:
        self._engine = engine.execution_options(isolation_level="AUTOCOMMIT")  # shares the pool
        self._watchdog = watchdog

    @contextmanager
    def open(self) -> Iterator[_Handle]:
        with self._engine.connect() as connection, Session(bind=connection) as session:
            handle = _Handle(session, connection.connection.dbapi_connection, self._watchdog)
            try:
                yield handle
            finally:
                handle.finish()  # before the connection goes back to the pool
