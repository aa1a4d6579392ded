"""Put a PostgreSQL engine's statements under their bounds: one set of listeners, one arm per statement.

Two bounds meet at every statement: the statement limit, which the client enforces when the server
cannot (a paused backend), and the transaction's lock budget (`lock_budget.py`). Both are armed
together on one watcher (`statement_deadlines.py`), so a statement costs one arm and one disarm
whatever bounds are set, and the statement that lowers `lock_timeout` runs already armed.

Commits and rollbacks are armed too, with the statement limit only: a COMMIT sent to a paused
backend must not hold its caller either. So is the pool's rollback when a connection comes back.

Behind a transaction pooler the connection carries no bounds of its own: each transaction's first
statement is preceded, armed like it, by the bounds it must run under (`pooled_bounds.py`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine, event
from sqlalchemy.engine import ExceptionContext

from adapters.database.lock_budget import LockBudgets
from adapters.database.pooled_bounds import TransactionBounds
from adapters.database.statement_deadlines import StatementDeadlines

__all__ = ("bound_statements",)


def bound_statements(
    engine: Engine,
    *,
    statement_limit_s: float | None,
    lock_timeout_ms: int | None,
    per_transaction: TransactionBounds | None = None,
) -> None:
    """Cut `engine`'s statements running past `statement_limit_s`; make `lock_timeout_ms` each
    transaction's budget for lock waits. None (or 0) leaves that bound out. `per_transaction`: the
    server-side bounds each transaction sets first, behind a transaction pooler. Behind one, the
    server's process ids are not the client's, so a lock wait past its budget is not looked up and
    cancelled: each wait is bounded by `lock_timeout` alone, and the statement by its limit."""
    if per_transaction is not None:
        event.listen(engine, "connect", lambda dbapi, _record: per_transaction.learn(dbapi))
    if not statement_limit_s and not lock_timeout_ms:
        if per_transaction is not None:  # unwatched, but lifting the role's own bounds if it has any
            lift = per_transaction.begin
            event.listen(engine, "before_cursor_execute", lambda _connection, cursor, *_: lift(cursor))
        return  # batch commands run unbounded, and unwatched
    deadlines = StatementDeadlines(engine, statement_limit_s or None)
    budgets = LockBudgets(lock_timeout_ms) if lock_timeout_ms else None
    watch_locks = per_transaction is None

    def before_execute(connection: Connection, cursor: Any, *_: Any) -> None:
        ends_at = None if budgets is None else budgets.ends_at(connection, cursor)
        deadlines.arm(cursor.connection, ends_at if watch_locks else None)
        if per_transaction is not None:
            per_transaction.begin(cursor)
        if budgets is not None and ends_at is not None:
            budgets.spend(cursor, ends_at)

    def executed(_connection: Connection, cursor: Any, *_: Any) -> None:
        deadlines.disarm(cursor.connection)

    def failed(context: ExceptionContext) -> None:
        executing = context.execution_context
        if executing is not None and executing.cursor is not None:
            deadlines.disarm(executing.cursor.connection)
        elif context.connection is not None:
            deadlines.disarm(_dbapi(context.connection))

    def ending(connection: Connection) -> None:
        """Before the COMMIT or ROLLBACK is sent; the next statement or the check-in disarms it."""
        if budgets is not None:
            budgets.ended(connection)
        if statement_limit_s:
            deadlines.arm(_dbapi(connection))

    if budgets is not None:
        event.listen(engine, "begin", budgets.began)
    event.listen(engine, "commit", ending)
    event.listen(engine, "rollback", ending)
    event.listen(engine, "before_cursor_execute", before_execute)
    event.listen(engine, "after_cursor_execute", executed)
    event.listen(engine, "handle_error", failed)
    if statement_limit_s:
        event.listen(engine.pool, "reset", lambda dbapi, *_: deadlines.arm(dbapi))  # rollback on return
        event.listen(engine.pool, "checkin", lambda dbapi, *_: deadlines.disarm(dbapi))


def _dbapi(connection: Connection) -> Any:
    """The driver's connection; None once invalidated (a cut one is rolled back with nothing to send)."""
    if connection.invalidated or connection.closed:
        return None
    return connection.connection.dbapi_connection
