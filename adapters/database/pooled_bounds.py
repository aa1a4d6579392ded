"""The timeouts of a connection that goes through a transaction pooler, set per transaction.

Directly connected, a connection carries `statement_timeout` and `lock_timeout` from its start (the
`options` startup parameter, `engine.py`). Behind pgbouncer in transaction mode that cannot work:
pgbouncer refuses a startup parameter it does not know (`options`), and a session-level `SET` would
stay on the server connection after the transaction and reach whichever client gets it next. So with
`database.transaction_pooling` each transaction sets its own bounds with `set_config(…, true)` (a
`SET LOCAL`, gone at commit or rollback) before its first statement: one more round trip per
transaction.

Unless the server already has them: when the role's or the database's defaults equal the settings
(`ALTER ROLE tessera SET statement_timeout = 5000`; README, "Running several nodes"), nothing is
sent. The defaults are read on the engine's first connection, so a changed role default counts once
the servers are restarted (and pgbouncer's server connections renewed).

Statements outside a transaction (autocommit: the dashboards' reads) get no server-side bound this
way; the client still cuts them (`statement_deadlines.py`), and a dashboard's own budget cancels them.
"""

from __future__ import annotations

from typing import Any

from psycopg import pq

__all__ = ("TransactionBounds",)

_SERVER_DEFAULTS = "SELECT name, setting FROM pg_settings WHERE name IN ('statement_timeout', 'lock_timeout')"


class TransactionBounds:
    """What one engine's transactions set first: nothing, or one `set_config` statement."""

    def __init__(self, statement_timeout_ms: int, lock_timeout_ms: int) -> None:
        self._wanted = {"statement_timeout": statement_timeout_ms, "lock_timeout": lock_timeout_ms}
        self._statement: str | None = None
        self._learnt = False

    @property
    def statement(self) -> str | None:
        """The statement each transaction sends first; None when the server's defaults already hold."""
        return self._statement

    def learn(self, dbapi_connection: Any) -> None:
        """On a new connection, until once done: which of the bounds the server lacks by default."""
        if self._learnt:
            return
        with dbapi_connection.cursor() as cursor:
            cursor.execute(_SERVER_DEFAULTS)
            defaults = {name: int(setting) for name, setting in cursor.fetchall()}
        dbapi_connection.rollback()
        wanted = self._wanted.items()
        missing = [f"set_config('{name}', '{ms}', true)" for name, ms in wanted if defaults.get(name) != ms]
        self._statement = f"SELECT {', '.join(missing)}" if missing else None  # before `_learnt`
        self._learnt = True  # two first connections learning at once find the same: no lock

    def begin(self, cursor: Any) -> None:
        """Before a statement: if it opens a transaction, set that transaction's bounds first."""
        statement = self._statement
        if statement is None:
            return
        connection = cursor.connection
        if connection.autocommit or connection.pgconn.transaction_status != pq.TransactionStatus.IDLE:
            return
        cursor.execute(statement)
