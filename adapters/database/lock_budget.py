"""One lock budget per transaction, not per statement.

PostgreSQL's `lock_timeout` bounds each wait for a lock, so a write that waits twice waits twice
as long: during a 20 s stall on `figure_totals`, order A held its platform's day row while it waited
for the stalled table; order B waited `lock_timeout` for A's row, then `lock_timeout` again for the
table, and answered after 4.1 s against a bound of 2 s. A request's wait must have one end.

So on a PostgreSQL engine every transaction is stamped when it begins, and once it is older than
`_YOUNG_S` each further statement first lowers the transaction's `lock_timeout` (`SET LOCAL`, gone at
commit or rollback) to what is left of `database.lock_timeout_ms` since it began. Past that, a lock
wait fails at once (1 ms; 0 would mean no bound): the request answers 503 with nothing written,
like any other lock timeout. A transaction that needs no lock it has to wait for is never cut, however
long it runs (`statement_timeout_ms` bounds that). Writes finish within milliseconds when nothing
holds them up, so the extra statement is only sent by a transaction that is already waiting.

One statement can also wait several times, each wait with the whole `lock_timeout`: those are
cancelled from the client at the budget's end (`statement_deadlines.py`).

A request's budget runs from when it arrived, not from when its transaction began: the time it
waited for a thread or ran its first statements counts, since its caller waits through all of it.
The HTTP layer says when with `request_arrived` (a context variable, which the request's worker
thread inherits); work outside a request counts from its transaction's beginning.
"""

from __future__ import annotations

import time
import weakref
from contextvars import ContextVar
from typing import Any

from sqlalchemy import Connection

__all__ = ("LockBudgets", "request_arrived")

_ARRIVED_AT: ContextVar[float | None] = ContextVar("tessera_request_arrived_at", default=None)


def request_arrived(at: float) -> None:
    """The current request arrived at `at` (`time.monotonic()`): its transactions' budgets start there."""
    _ARRIVED_AT.set(at)


_YOUNG_S = 0.05
"""Transactions younger than this keep the session's `lock_timeout`: no statement is added."""


class LockBudgets:
    """The open transactions of one engine, each with the moment its lock budget ends.

    Kept by connection object, not in `connection.info`, which raises once the connection was
    invalidated (a server that went away), when the rollback still has to end the transaction.
    """

    def __init__(self, lock_timeout_ms: int) -> None:
        self._timeout_ms = lock_timeout_ms
        self._budget_s = lock_timeout_ms / 1000
        self._ends_at: weakref.WeakKeyDictionary[Connection, float] = weakref.WeakKeyDictionary()

    def began(self, connection: Connection) -> None:
        now, arrived_at = time.monotonic(), _ARRIVED_AT.get()
        self._ends_at[connection] = (now if arrived_at is None else min(now, arrived_at)) + self._budget_s

    def ended(self, connection: Connection) -> None:
        self._ends_at.pop(connection, None)

    def ends_at(self, connection: Connection, cursor: Any) -> float | None:
        """None outside a transaction (autocommit): each statement then waits alone."""
        if cursor.connection.autocommit:
            return None
        return self._ends_at.get(connection)

    def spend(self, cursor: Any, ends_at: float) -> None:
        """Lower this transaction's `lock_timeout` to what is left of its budget, once it is not young."""
        left_s = ends_at - time.monotonic()
        if self._budget_s - left_s < _YOUNG_S:
            return
        left_ms = max(1, round(left_s * 1000))
        if left_ms < self._timeout_ms:
            cursor.execute(f"SET LOCAL lock_timeout = {left_ms}")
