"""The monitor's two statements: the primary's WAL position, and how far the replica has replayed.

Each probe keeps one autocommit connection of its own (`postgres_connector`: short statement bound,
keepalives), opened when first needed and again after any failure; never a pooled one, so that a
burst of dashboards holding every pooled connection cannot hide the replica's state. A failure is
raised to the monitor, which says so in the replica's state.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import psycopg

from adapters.database.watchdog import sever
from adapters.replica.positions import lsn_number

__all__ = ("PROBE_ERRORS", "PrimaryProbe", "ReplicaProbe", "ReplicaStatus")

PROBE_ERRORS: tuple[type[Exception], ...] = (psycopg.Error, OSError)


@dataclass(frozen=True, slots=True)
class ReplicaStatus:
    in_recovery: bool
    """False: a primary (or a replica promoted), which follows no one: never read as a replica."""
    replayed: int | None
    """`pg_last_wal_replay_lsn()`: every commit up to it is visible there (None on a primary)."""


class _Probe:
    def __init__(self, connect: Callable[[], Any]) -> None:
        self._connect = connect
        self._lock = threading.Lock()
        self._connection: Any = None

    def _row(self, statement: str) -> tuple[Any, ...]:
        with self._lock:
            try:
                if self._connection is None:
                    self._connection = self._connect()
                row = self._connection.execute(statement).fetchone()
            except BaseException:
                self._drop()
                raise
        assert row is not None  # each statement selects one row
        return tuple(row)

    def close(self) -> None:
        """From any thread: the socket is cut first, so a probe stuck on a paused server returns."""
        connection = self._connection
        if connection is not None:
            sever(connection)
        with self._lock:
            self._drop()

    def _drop(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            with contextlib.suppress(psycopg.Error):  # already broken
                connection.close()


class PrimaryProbe(_Probe):
    def position(self) -> int:
        """`pg_current_wal_lsn()`: every commit acknowledged before this call is at or before it."""
        return lsn_number(str(self._row("SELECT pg_current_wal_lsn()::text")[0]))


class ReplicaProbe(_Probe):
    def status(self) -> ReplicaStatus:
        in_recovery, replayed = self._row("SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn()::text")
        return ReplicaStatus(bool(in_recovery), None if replayed is None else lsn_number(str(replayed)))
