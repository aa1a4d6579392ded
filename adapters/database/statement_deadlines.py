"""Stop, from the client, a statement the server will not stop in time: one watcher, two deadlines.

Each running statement of an engine is armed once, with up to two moments:

- **cut_at**, when the statement limit has passed (`statement_timeout_ms + watchdog_grace_ms`).
  PostgreSQL's own `statement_timeout` ends a statement in the server, but a backend that is paused
  (SIGSTOP, a frozen VM) enforces nothing, answers no cancel, and its kernel still acknowledges
  every packet, so TCP keepalives never fire. A running statement past this moment has its socket
  cut (`watchdog.sever`): the waiting call raises `OperationalError`, the request answers 503 with
  nothing committed, and the pool discards the connection. The server had the whole timeout and the
  grace: nothing to ask it.
- **lock_ends_at**, the end of its transaction's lock budget (`lock_budget.py`) plus `_GRACE_S`.
  `lock_timeout` bounds each wait, and one statement can wait several times: an
  `INSERT … ON CONFLICT` waits for the transaction holding its row, and when that one gives up, for
  the next one that got in meanwhile (under a 20 s stall a customer's order waited 2 s, then 1.75 s,
  against a bound of 2 s). A statement past this moment is looked up in `pg_stat_activity` on a
  connection of the watcher's own, and only if it waits for a lock there is it cancelled
  (`cancel_safe`): it fails like a lock timeout, its transaction rolls back with nothing written, and
  the request answers 503. A statement slow for any other reason is left to the statement limit.

One thread looks at the armed statements every `_LOOK_EVERY_S`, and runs only while something is
armed; it asks the server only when a statement has overrun its lock budget, which never happens
while writes find their locks free. Arming costs one dictionary write under a lock.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any, NamedTuple

from psycopg import pq
from sqlalchemy import Engine

from adapters.database.watchdog import sever

__all__ = ("StatementDeadlines",)

logger = logging.getLogger("tessera.database")

_GRACE_S = 0.05  # the server's own `lock_timeout` ends the common case first
_LOOK_EVERY_S = 0.05
_ASK_TIMEOUT_MS = 500
_WAITING_FOR_A_LOCK = "SELECT pid FROM pg_stat_activity WHERE pid = ANY(%s) AND wait_event_type = 'Lock'"


class _Armed(NamedTuple):
    connection: Any
    cut_at: float | None
    lock_ends_at: float | None


class StatementDeadlines:
    """One engine's running statements, each with the moments it must be stopped at."""

    def __init__(self, engine: Engine, statement_limit_s: float | None) -> None:
        """`statement_limit_s`: how long a statement may run before it is cut; None never cuts."""
        self._engine = engine
        self._limit_s = statement_limit_s
        self._lock = threading.Lock()
        self._armed: dict[int, _Armed] = {}
        self._thread: threading.Thread | None = None
        self._asker: Any = None  # the thread's own connection, opened when first needed

    def arm(self, dbapi_connection: Any, lock_budget_ends_at: float | None = None) -> None:
        """Before a statement, commit or rollback is sent; `lock_budget_ends_at` only inside a transaction."""
        if dbapi_connection is None:  # invalidated: its rollback has nothing to send
            return
        cut_at = None if self._limit_s is None else time.monotonic() + self._limit_s
        lock_ends_at = None if lock_budget_ends_at is None else lock_budget_ends_at + _GRACE_S
        if cut_at is None and lock_ends_at is None:
            return
        with self._lock:
            self._armed[id(dbapi_connection)] = _Armed(dbapi_connection, cut_at, lock_ends_at)
            if self._thread is None:
                self._thread = threading.Thread(target=self._look, name="tessera-deadlines", daemon=True)
                self._thread.start()

    def disarm(self, dbapi_connection: Any) -> None:
        if dbapi_connection is None:
            return
        with self._lock:
            self._armed.pop(id(dbapi_connection), None)

    def _look(self) -> None:
        while True:
            time.sleep(_LOOK_EVERY_S)
            now = time.monotonic()
            to_cut, overdue = [], {}
            with self._lock:
                if not self._armed:
                    self._thread = None
                    self._close_asker()
                    return
                for key, armed in list(self._armed.items()):
                    cut_due = armed.cut_at is not None and armed.cut_at <= now
                    lock_due = armed.lock_ends_at is not None and armed.lock_ends_at <= now
                    if not (cut_due or lock_due):
                        continue
                    if not _running(armed.connection):  # it ended without being disarmed (a cut connection)
                        del self._armed[key]
                    elif cut_due:
                        del self._armed[key]
                        to_cut.append(armed)
                    else:
                        overdue[armed.connection.pgconn.backend_pid] = armed.connection
            for armed in to_cut:
                self._cut(armed)
            if overdue:
                self._cancel_waiting(overdue)

    def _cut(self, armed: _Armed) -> None:
        if sever(armed.connection):
            logger.warning(
                "a statement was still running after %d ms and the server had not ended it: "
                "its connection was cut",
                round((self._limit_s or 0) * 1000),
            )

    def _cancel_waiting(self, overdue: dict[int, Any]) -> None:
        """Outside the lock: asking the server takes a round trip, and arming must never wait for it."""
        try:
            waiting = self._ask(list(overdue))
        except Exception as error:  # the server is away: the statement limit still stands
            logger.info("could not ask which statements wait for a lock: %s", type(error).__name__)
            self._close_asker()
            return
        for pid in waiting:
            connection = overdue[pid]
            with self._lock:  # still armed: that statement has not ended
                armed = self._armed.get(id(connection))
                if armed is None or armed.connection is not connection:
                    continue
                self._armed[id(connection)] = armed._replace(lock_ends_at=None)  # still cut if it hangs
            # Sent outside the lock, which every statement's arming takes: if the statement ends in
            # this instant, the cancel finds its connection idle (nothing happens) or running that
            # transaction's next statement, whose budget is spent too.
            connection.cancel_safe(timeout=_ASK_TIMEOUT_MS / 1000)
            logger.warning(
                "a statement still waited for a lock when its transaction's lock budget was spent: "
                "cancelled (its request answers 503)"
            )

    def _ask(self, pids: list[int]) -> list[int]:
        if self._asker is None or self._asker.closed:
            dialect = self._engine.dialect
            args, kwargs = dialect.create_connect_args(self._engine.url)
            self._asker = dialect.loaded_dbapi.connect(
                *args,
                **kwargs,
                autocommit=True,
                connect_timeout=2,
                application_name="tessera-deadlines",
                options=f"-c statement_timeout={_ASK_TIMEOUT_MS}",
            )
        return [row[0] for row in self._asker.execute(_WAITING_FOR_A_LOCK, (pids,)).fetchall()]

    def _close_asker(self) -> None:
        asker, self._asker = self._asker, None
        if asker is not None:
            try:
                asker.close()
            except Exception:  # closing a broken connection: nothing left to release
                logger.debug("closing the deadlines' connection failed", exc_info=True)


def _running(dbapi_connection: Any) -> bool:
    """A command is in progress: armed long ago but idle since means it simply was not disarmed."""
    pgconn = getattr(dbapi_connection, "pgconn", None)
    return pgconn is not None and pgconn.transaction_status == pq.TransactionStatus.ACTIVE
