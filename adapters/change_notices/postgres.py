"""The PostgreSQL channel: each change is a `pg_notify('tessera_cache', line)` sent after the
writer's commit, on a connection of its own (autocommit, never the writer's nor a pooled one).

One connection per process, opened when first needed and kept. Writers that commit while a notice
is being sent queue their lines, and whoever sends next takes the whole queue in one statement: a
burst of writes costs a few round trips, not one each. A statement is bounded (`_TIMEOUT_MS`); a
failure is logged and never raised (the write is committed), the connection is opened again once
on the next send, and after a second failure notices are not sent for `_RETRY_AFTER_S`: the other
processes then see the change when their caches expire (the TTLs are the backstop).

NOTIFY may go through pgbouncer in transaction pooling mode (it is one statement, delivered at its
commit); LISTEN may not (`listener.py`).

`stamped` (a replica is read, `database.read_url`): each line ends with the primary's WAL position,
read by the same statement, after the writers committed, so at or past each of their commits;
`publish` returns it, and every process keeps it per owner for read-your-writes (lines.py). It
costs no round trip of its own.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

import psycopg
from sqlalchemy.engine import URL

from adapters.change_notices.observer import Observing
from adapters.database.watchdog import cut_after
from adapters.replica.positions import lsn_number

__all__ = ("CHANNEL", "CUT_AFTER_S", "NotifyChannel", "postgres_connector")

logger = logging.getLogger("tessera.changes")

CHANNEL = "tessera_cache"
_TIMEOUT_MS = 1000
_RETRY_AFTER_S = 1.0
CUT_AFTER_S = 2 * _TIMEOUT_MS / 1000
"""Through a pooler no `statement_timeout` is set at connect, so the client cuts a send this old
(`client_bound_s`). Only there: the watch is a timer thread per send, and a direct connection's
server ends the statement itself."""
_NOTIFY = "SELECT pg_notify(%s, line) FROM unnest(%s::text[]) AS line"
_NOTIFY_STAMPED = (
    "SELECT pg_notify(%s, line || ';' || at.lsn), at.lsn FROM unnest(%s::text[]) AS line,"
    " (SELECT pg_current_wal_lsn()::text AS lsn) AS at"
)


def postgres_connector(
    url: URL, application_name: str, connect_timeout_s: int, *, pooled: bool = False
) -> Callable[[], Any]:
    """Opens an autocommit psycopg connection to `url`, with short bounds and TCP keepalives (a peer
    that vanished is noticed within about 25 s), named for `pg_stat_activity`. `pooled`: `url` is a
    transaction pooler, which refuses the `options` startup parameter and must not be handed a
    prepared statement; the statement bound is then the client's alone (`NotifyChannel._send`)."""
    _, from_url = url.get_dialect()().create_connect_args(url)
    options: dict[str, Any] = {
        "connect_timeout": connect_timeout_s,
        "keepalives": 1,
        "keepalives_idle": 10,
        "keepalives_interval": 5,
        "keepalives_count": 3,
        "application_name": application_name,
    }
    if pooled:
        options["prepare_threshold"] = None
    else:
        options["options"] = f"-c statement_timeout={_TIMEOUT_MS}"

    def connect() -> Any:
        return psycopg.connect(**{**from_url, **options}, autocommit=True)

    return connect


class NotifyChannel:
    line_limit = 7900  # NOTIFY's payload must be shorter than 8000 bytes

    def __init__(
        self,
        connect: Callable[[], Any],
        *,
        stamped: bool = False,
        observer: Observing | None = None,
        client_bound_s: float | None = None,
    ) -> None:
        """`client_bound_s`: cut a send this old (`CUT_AFTER_S` through a pooler; None: the server's
        own `statement_timeout` bounds it)."""
        self._connect = connect
        self._client_bound_s = client_bound_s
        self._observer = observer or Observing(None)
        self._statement = _NOTIFY_STAMPED if stamped else _NOTIFY
        self._stamp: int | None = None  # the position the last send was stamped with
        self._connection: Any = None
        self._queue: list[str] = []
        self._queued = threading.Lock()
        self._sending = threading.Lock()
        self._quiet_until = 0.0

    def publish(self, lines: Sequence[str]) -> int | None:
        """The position the lines went out stamped with (a later send's, if another writer took them
        along: later is at or past them too); None when not stamped, or not sent."""
        with self._queued:
            self._queue.extend(lines)
        with self._sending:
            with self._queued:
                batch, self._queue = self._queue, []
            if batch:  # empty: a writer that held `_sending` took these lines with its own
                self._send(batch)
            return self._stamp

    def catch_up(self, receive: Callable[[str], None]) -> None:
        """Nothing to do: the listener's thread applies other processes' lines as they arrive."""

    def close(self) -> None:
        with self._sending:
            self._close()

    def _send(self, batch: list[str]) -> None:
        self._stamp = None
        if time.monotonic() < self._quiet_until:
            logger.warning("%d change notices not sent: the database did not answer just before", len(batch))
            self._observer.notices_unsent(len(batch))
            return
        for attempt in (1, 2):  # a connection kept idle may have been closed by the server meanwhile
            try:
                if self._connection is None:
                    self._connection = self._connect()
                rows = self._execute(batch)
                if self._statement is _NOTIFY_STAMPED and rows:
                    self._stamp = lsn_number(str(rows[0][1]))
                return
            except psycopg.Error as error:
                self._close()
                if attempt == 2:
                    self._quiet_until = time.monotonic() + _RETRY_AFTER_S
                    logger.warning(
                        "%d change notices not sent (%s): other processes see those changes when "
                        "their caches expire",
                        len(batch),
                        str(error).partition("\n")[0] or type(error).__name__,
                    )
                    self._observer.notices_unsent(len(batch))

    def _execute(self, batch: list[str]) -> list[Any]:
        if self._client_bound_s is None:
            return list(self._connection.execute(self._statement, (CHANNEL, batch)).fetchall())
        with cut_after(self._connection, self._client_bound_s, "sending change notices"):
            return list(self._connection.execute(self._statement, (CHANNEL, batch)).fetchall())

    def _close(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            try:
                connection.close()
            except psycopg.Error:  # already broken: nothing left to release
                logger.debug("closing the notices' connection failed", exc_info=True)
