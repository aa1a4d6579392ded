"""Sessions for metrics providers that the aggregator can interrupt when a provider overruns.

Each session owns its connection from the start, so the DBAPI connection to cancel is known
before the provider runs. Cancelling goes through the driver's own thread-safe call: psycopg sends
a cancel request to the server, sqlite3 sets its interrupt flag. Either way the provider's
statement fails promptly and the connection returns to the pool instead of staying busy.

The connection is in autocommit: providers only read, and a transaction would cost a BEGIN and a
ROLLBACK, two round trips to PostgreSQL around each read of a few rows.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

__all__ = ("EngineSessions",)

logger = logging.getLogger("tessera.database")


class _Handle:
    def __init__(self, session: Session, dbapi_connection: Any) -> None:
        self._session = session
        self._dbapi_connection = dbapi_connection

    @property
    def session(self) -> Session:
        return self._session

    def interrupt(self) -> None:
        connection = self._dbapi_connection
        try:
            if hasattr(connection, "cancel_safe"):  # psycopg 3
                connection.cancel_safe(timeout=0.5)
            elif hasattr(connection, "interrupt"):  # sqlite3
                connection.interrupt()
        except Exception as error:
            logger.warning("could not interrupt a metrics query: %s", error)


class EngineSessions:
    """`InterruptibleSessions` on top of one engine."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine.execution_options(isolation_level="AUTOCOMMIT")  # shares the pool

    @contextmanager
    def open(self) -> Iterator[_Handle]:
        with self._engine.connect() as connection, Session(bind=connection) as session:
            dbapi_connection = connection.connection.dbapi_connection
            yield _Handle(session, dbapi_connection)
