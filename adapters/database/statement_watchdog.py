"""A client-side bound on every statement, for when the server cannot enforce its own.

PostgreSQL's `statement_timeout` and `lock_timeout` end a statement in the server. A backend that is
paused (SIGSTOP, a frozen VM) enforces nothing, answers no cancel, and its kernel still acknowledges
every packet, so TCP keepalives never fire: a request thread waiting for it would wait until it woke
up, holding its connection, and the write would never answer.

So every statement, commit and rollback on a PostgreSQL engine is armed with a deadline of
`statement_timeout_ms + watchdog_grace_ms`. One thread looks at the armed connections a few times a
second; one past its deadline that is still running a command (libpq says ACTIVE) has its socket cut
(`watchdog.sever`): the waiting call raises `OperationalError`, the request answers 503 with nothing
committed, and the pool discards that connection. The server had the whole statement timeout and
the grace to end it itself, so there is nothing left to ask it.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from psycopg import pq
from sqlalchemy import Connection, Engine, event
from sqlalchemy.engine import ExceptionContext

from adapters.database.watchdog import sever

__all__ = ("StatementWatchdog",)

logger = logging.getLogger("tessera.database")

_LOOK_EVERY_S = 0.1


class StatementWatchdog:
    """Watches one engine's connections; its thread runs only while something is armed."""

    def __init__(self, limit_s: float) -> None:
        self._limit_s = limit_s
        self._lock = threading.Lock()
        self._armed: dict[int, tuple[Any, float]] = {}
        self._thread: threading.Thread | None = None

    def watch(self, engine: Engine) -> None:
        event.listen(engine, "before_cursor_execute", self._on_execute)
        event.listen(engine, "after_cursor_execute", self._on_executed)
        event.listen(engine, "handle_error", self._on_error)
        event.listen(engine, "commit", self._on_transaction_end)
        event.listen(engine, "rollback", self._on_transaction_end)
        event.listen(engine.pool, "reset", lambda dbapi, *_: self.arm(dbapi))  # rollback on return
        event.listen(engine.pool, "checkin", lambda dbapi, *_: self.disarm(dbapi))

    def arm(self, dbapi_connection: Any) -> None:
        if dbapi_connection is None:
            return
        with self._lock:
            self._armed[id(dbapi_connection)] = (dbapi_connection, time.monotonic() + self._limit_s)
            if self._thread is None:
                self._thread = threading.Thread(target=self._look, name="tessera-statements", daemon=True)
                self._thread.start()

    def disarm(self, dbapi_connection: Any) -> None:
        if dbapi_connection is None:
            return
        with self._lock:
            self._armed.pop(id(dbapi_connection), None)

    def _on_execute(self, connection: Connection, *_: Any) -> None:
        self.arm(_dbapi(connection))

    def _on_executed(self, connection: Connection, *_: Any) -> None:
        self.disarm(_dbapi(connection))

    def _on_error(self, context: ExceptionContext) -> None:
        if context.connection is not None:
            self.disarm(_dbapi(context.connection))

    def _on_transaction_end(self, connection: Connection) -> None:
        """Before the COMMIT or ROLLBACK is sent; the next statement or the check-in disarms it."""
        self.arm(_dbapi(connection))

    def _look(self) -> None:
        while True:
            time.sleep(_LOOK_EVERY_S)
            now = time.monotonic()
            with self._lock:
                if not self._armed:
                    self._thread = None
                    return
                for key, (dbapi_connection, deadline) in list(self._armed.items()):
                    if deadline > now:
                        continue
                    del self._armed[key]
                    if _running(dbapi_connection) and sever(dbapi_connection):
                        logger.warning(
                            "a statement was still running after %d ms and the server had not ended it: "
                            "its connection was cut",
                            round(self._limit_s * 1000),
                        )


def _dbapi(connection: Connection) -> Any:
    """The driver's connection; None once invalidated (a cut one is rolled back with nothing to send)."""
    if connection.invalidated or connection.closed:
        return None
    return connection.connection.dbapi_connection


def _running(dbapi_connection: Any) -> bool:
    """A command is in progress: armed long ago but idle since means it simply was not disarmed."""
    pgconn = getattr(dbapi_connection, "pgconn", None)
    return pgconn is not None and pgconn.transaction_status == pq.TransactionStatus.ACTIVE
