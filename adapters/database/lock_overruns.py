"""Cancel a statement that is still waiting for a lock once its transaction's lock budget is spent.

`lock_timeout` bounds each wait for a lock, and one statement can wait several times. An
`INSERT … ON CONFLICT DO UPDATE` on a row that others are inserting too waits for the transaction
that holds it; when that one gives up, it waits again for the next one that got in meanwhile. Under
a 20 s stall on the ledger, a customer's second order waited 2 s for the first order's row of
`order_customers`, then 1.75 s for a third order's, and answered after 3.8 s against a bound of
2 s. The server cannot bound this: the statement's timeout would cut slow statements that wait for
nothing, and `lock_timeout` starts again at each wait.

So each statement of a transaction is armed with the moment its transaction's budget ends (plus
`_GRACE_S`: the server's own `lock_timeout` ends the common case first). A few times a second a
thread looks at the armed statements; those past their moment are looked up in
`pg_stat_activity` on a connection of its own, and only those waiting for a lock there are
cancelled (`cancel_safe`): the statement fails like a lock timeout (`QueryCanceled`), the
transaction rolls back with nothing written, and the request answers 503. A statement that is slow
for any other reason is left to `statement_timeout_ms`. The thread runs only while something is
armed, and asks the server only when a statement has overrun, which never happens while writes
find their locks free.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from psycopg import pq
from sqlalchemy import Engine

__all__ = ("LockOverruns",)

logger = logging.getLogger("tessera.database")

_GRACE_S = 0.05
_LOOK_EVERY_S = 0.05
_ASK_TIMEOUT_MS = 500
_WAITING_FOR_A_LOCK = "SELECT pid FROM pg_stat_activity WHERE pid = ANY(%s) AND wait_event_type = 'Lock'"


class LockOverruns:
    """One engine's statements, each armed with the end of its transaction's lock budget."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._lock = threading.Lock()
        self._armed: dict[int, tuple[Any, float]] = {}
        self._thread: threading.Thread | None = None
        self._asker: Any = None  # the thread's own connection, opened when first needed

    def arm(self, dbapi_connection: Any, budget_ends_at: float) -> None:
        with self._lock:
            self._armed[id(dbapi_connection)] = (dbapi_connection, budget_ends_at + _GRACE_S)
            if self._thread is None:
                self._thread = threading.Thread(target=self._look, name="tessera-lock-budget", daemon=True)
                self._thread.start()

    def disarm(self, dbapi_connection: Any) -> None:
        with self._lock:
            self._armed.pop(id(dbapi_connection), None)

    def _look(self) -> None:
        while True:
            time.sleep(_LOOK_EVERY_S)
            now = time.monotonic()
            with self._lock:
                if not self._armed:
                    self._thread = None
                    self._close_asker()
                    return
                overdue = {}
                for key, (connection, ends_at) in list(self._armed.items()):
                    if ends_at > now:
                        continue
                    if _running(connection):
                        overdue[connection.pgconn.backend_pid] = connection
                    else:  # its statement ended without being disarmed (a connection cut meanwhile)
                        del self._armed[key]
            if overdue:
                self._cancel_waiting(overdue)

    def _cancel_waiting(self, overdue: dict[int, Any]) -> None:
        """Outside the lock: asking the server takes a round trip, and arming must never wait for it."""
        try:
            waiting = self._ask(list(overdue))
        except Exception as error:  # the server is away: each statement still has its own timeouts
            logger.info("could not ask which statements wait for a lock: %s", type(error).__name__)
            self._close_asker()
            return
        for pid in waiting:
            connection = overdue[pid]
            with self._lock:  # still armed: that statement has not ended
                entry = self._armed.get(id(connection))
                if entry is None or entry[0] is not connection:
                    continue
                del self._armed[id(connection)]
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
                application_name="tessera-lock-budget",
                options=f"-c statement_timeout={_ASK_TIMEOUT_MS}",
            )
        return [row[0] for row in self._asker.execute(_WAITING_FOR_A_LOCK, (pids,)).fetchall()]

    def _close_asker(self) -> None:
        asker, self._asker = self._asker, None
        if asker is not None:
            try:
                asker.close()
            except Exception:  # closing a broken connection: nothing left to release
                logger.debug("closing the lock-budget connection failed", exc_info=True)


def _running(dbapi_connection: Any) -> bool:
    pgconn = getattr(dbapi_connection, "pgconn", None)
    return pgconn is not None and pgconn.transaction_status == pq.TransactionStatus.ACTIVE
