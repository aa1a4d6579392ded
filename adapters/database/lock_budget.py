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
"""

from __future__ import annotations

import time
import weakref
from typing import Any

from sqlalchemy import Connection, Engine, event

__all__ = ("bound_lock_waits",)

_YOUNG_S = 0.05
"""Transactions younger than this keep the session's `lock_timeout`: no statement is added."""


def bound_lock_waits(engine: Engine, lock_timeout_ms: int) -> None:
    """Make `lock_timeout_ms` the budget of each of `engine`'s transactions (PostgreSQL).

    Register it after the statement watchdog, so that the added statement is watched too. The
    stamps are kept by connection object, not in `connection.info`, which raises once the
    connection was invalidated (a server that went away), when the rollback still has to end.
    """
    budget_s = lock_timeout_ms / 1000
    began_at_by: weakref.WeakKeyDictionary[Connection, float] = weakref.WeakKeyDictionary()

    def began(connection: Connection) -> None:
        began_at_by[connection] = time.monotonic()

    def ended(connection: Connection) -> None:
        began_at_by.pop(connection, None)

    def before_execute(connection: Connection, cursor: Any, *_: Any) -> None:
        began_at = began_at_by.get(connection)
        if began_at is None or cursor.connection.autocommit:  # no transaction: each statement waits alone
            return
        age_s = time.monotonic() - began_at
        if age_s < _YOUNG_S:
            return
        left_ms = max(1, round((budget_s - age_s) * 1000))
        if left_ms < lock_timeout_ms:
            cursor.execute(f"SET LOCAL lock_timeout = {left_ms}")

    event.listen(engine, "begin", began)
    event.listen(engine, "commit", ended)
    event.listen(engine, "rollback", ended)
    event.listen(engine, "before_cursor_execute", before_execute)
