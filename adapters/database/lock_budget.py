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
cancelled from the client at the budget's end (`lock_overruns.py`).

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

from sqlalchemy import Connection, Engine, event
from sqlalchemy.engine import ExceptionContext

from adapters.database.lock_overruns import LockOverruns

__all__ = ("bound_lock_waits", "request_arrived")

_ARRIVED_AT: ContextVar[float | None] = ContextVar("tessera_request_arrived_at", default=None)


def request_arrived(at: float) -> None:
    """The current request arrived at `at` (`time.monotonic()`): its transactions' budgets start there."""
    _ARRIVED_AT.set(at)


_YOUNG_S = 0.05
"""Transactions younger than this keep the session's `lock_timeout`: no statement is added."""


def bound_lock_waits(engine: Engine, lock_timeout_ms: int) -> None:
    """Make `lock_timeout_ms` the budget of each of `engine`'s transactions (PostgreSQL).

    Register it after the statement watchdog, so that the added statement is watched too. The
    stamps are kept by connection object, not in `connection.info`, which raises once the
    connection was invalidated (a server that went away), when the rollback still has to end.
    """
    budget_s = lock_timeout_ms / 1000
    overruns = LockOverruns(engine)
    began_at_by: weakref.WeakKeyDictionary[Connection, float] = weakref.WeakKeyDictionary()

    def began(connection: Connection) -> None:
        now, arrived_at = time.monotonic(), _ARRIVED_AT.get()
        began_at_by[connection] = now if arrived_at is None else min(now, arrived_at)

    def ended(connection: Connection) -> None:
        began_at_by.pop(connection, None)

    def before_execute(connection: Connection, cursor: Any, *_: Any) -> None:
        began_at = began_at_by.get(connection)
        if began_at is None or cursor.connection.autocommit:  # no transaction: each statement waits alone
            return
        overruns.arm(cursor.connection, began_at + budget_s)
        age_s = time.monotonic() - began_at
        if age_s < _YOUNG_S:
            return
        left_ms = max(1, round((budget_s - age_s) * 1000))
        if left_ms < lock_timeout_ms:
            cursor.execute(f"SET LOCAL lock_timeout = {left_ms}")

    def executed(_connection: Connection, cursor: Any, *_: Any) -> None:
        overruns.disarm(cursor.connection)

    def failed(context: ExceptionContext) -> None:
        executing = context.execution_context
        if executing is not None and executing.cursor is not None:
            overruns.disarm(executing.cursor.connection)

    event.listen(engine, "begin", began)
    event.listen(engine, "commit", ended)
    event.listen(engine, "rollback", ended)
    event.listen(engine, "before_cursor_execute", before_execute)
    event.listen(engine, "after_cursor_execute", executed)
    event.listen(engine, "handle_error", failed)
