"""The one place a process's changes go through: kept in the writer's session until it commits,
then dropped from this process's caches at once and told to the other processes through a channel.

Recorded in `Session.info` and sent from the session's `after_commit` event, as the ledger told the
dashboard cache before: told before the commit, another process could read the old rows in between
and cache them again; told from inside the transaction (a NOTIFY on the writer's own connection),
the write would hold its locks for the round trip. A rollback discards what was recorded (a
savepoint's rollback keeps it: at worst a notice too many, never one too few). Nothing here may
fail the write, which is already committed: a cache that fails to drop, or a channel that fails to
send, is logged, and the caches' TTLs (`platform.host_cache_ttl_s`, `metrics.cache_ttl_s`) are the
backstop.

With a replica to read from, the hub also keeps each vendor's last ledger write position
(`positions`): its own, from what the channel stamped its lines with; the others', from the stamp
their lines carry. A ledger change without one (not sent, or from a process that does not stamp)
counts as `UNKNOWN`: that owner's dashboards read the primary while it is kept.

Lines from other processes arrive through `receive` (from the PostgreSQL listener's thread, or from
`catch_up`, which reads the SQLite sidecar file on each request); the hub's own lines are skipped.
"""

from __future__ import annotations

import logging
import secrets
import threading
from collections.abc import Callable, Collection, Sequence
from typing import Protocol

from sqlalchemy import event
from sqlalchemy.orm import Session

from adapters.change_notices.lines import decode, encode, unstamped
from adapters.replica.positions import UNKNOWN, WrittenPositions
from contracts.change_notices import KINDS, Change, ChangeKind, ChangeListener

__all__ = ("ChangeChannel", "ChangeHub", "NoChannel")

logger = logging.getLogger("tessera.changes")

_PENDING = "tessera.changes_pending"
"""`Session.info` key: the changes this transaction made, told once it commits."""
_LISTENING = "tessera.changes_listening"


class ChangeChannel(Protocol):
    """How the lines reach the other processes: PostgreSQL's NOTIFY, or the SQLite sidecar file."""

    line_limit: int

    def publish(self, lines: Sequence[str]) -> int | None:
        """Send them; a failure is logged, never raised. A channel that stamps them with the primary's
        WAL position returns it (postgres.py); the others return None."""
        ...

    def catch_up(self, receive: Callable[[str], None]) -> None:
        """Hand `receive` the lines sent since the last call (a channel that pushes: nothing)."""
        ...


class NoChannel:
    """Nothing to tell: no other process shares these caches' database."""

    line_limit = 8000

    def publish(self, lines: Sequence[str]) -> None:
        pass

    def catch_up(self, receive: Callable[[str], None]) -> None:
        pass


def merged(changes: Sequence[Change]) -> list[Change]:
    """One change per kind, its keys together; `all` alone says everything."""
    if any(change.kind == "all" for change in changes):
        return [Change.everything()]
    by_kind: dict[ChangeKind, set[tuple[str, int]]] = {}
    for change in changes:
        by_kind.setdefault(change.kind, set()).update(change.keys)
    return [Change.of(kind, keys) for kind, keys in by_kind.items()]


class ChangeHub:
    """`listeners` is asked for when first needed, not given: a cache that listens (tenancy's module
    switches) may itself be a service that tells of changes, which would make a cycle at build time."""

    def __init__(
        self,
        listeners: Callable[[], Sequence[ChangeListener]],
        channel: ChangeChannel,
        heard: Collection[ChangeKind] = KINDS,
        positions: WrittenPositions | None = None,
    ) -> None:
        """`positions`: where owners' last ledger writes are kept, when a replica is read."""
        self.origin = secrets.token_hex(6)
        self._listeners_of = listeners
        self._listeners: Sequence[ChangeListener] | None = None
        self._lock = threading.Lock()
        self._channel = channel
        self._heard = frozenset(heard) | {"all"}
        self._positions = positions

    def after_commit(self, db: Session, change: Change) -> None:
        if change.kind not in self._heard:  # e.g. ledger writes while no dashboard is cached
            return
        if not db.info.get(_LISTENING):  # once per session, which may run many transactions
            db.info[_LISTENING] = True
            event.listen(db, "after_commit", self._committed)
            event.listen(db, "after_rollback", _discard)
        db.info.setdefault(_PENDING, []).append(change)

    def _committed(self, db: Session) -> None:
        pending = db.info.pop(_PENDING, None)
        if not pending:
            return
        changes = merged(pending)
        for change in changes:
            self.apply(change)
        position = None
        try:
            lines = [line for c in changes for line in encode(self.origin, c, self._channel.line_limit)]
            position = self._channel.publish(lines)
        except Exception:
            logger.exception("telling the other processes of a change failed; their caches expire later")
        for change in changes:
            self._written(change, position)

    def apply(self, change: Change) -> None:
        """Drop what this process cached of `change`; each cache alone, so one failing spares the rest.
        `all` (a listener that reconnected, a reader that fell behind) may also hide writes whose
        positions were never heard: every owner's counts as unknown for a while (`positions.py`)."""
        if self._positions is not None and change.kind == "all":
            self._positions.all_unknown()
        for listener in self._listening():
            try:
                listener.changed(change)
            except Exception:
                logger.exception("a cache failed to drop what a change made stale: %r", change)

    def receive(self, line: str) -> None:
        """A line from the channel: applied unless this hub sent it."""
        line, position = unstamped(line)
        origin, change = decode(line)
        if origin != self.origin:
            self.apply(change)
            self._written(change, position)

    def _written(self, change: Change, position: int | None) -> None:
        """Vendors only: they are who write orders and imports, and read-your-writes is theirs. A
        platform's dashboard reads the replica as of the freshness it states: held to every vendor's
        last write, it would wait on nearly every view of a busy platform."""
        if self._positions is not None and change.kind == "ledger":
            vendors = [key for key in change.keys if key[0] == "vendor"]
            if vendors:
                self._positions.record(vendors, UNKNOWN if position is None else position)

    def catch_up(self) -> None:
        """Apply what other processes told since the last call (on SQLite; on PostgreSQL a thread
        applies it as it arrives, and this does nothing). Per request, so it must be quick."""
        self._channel.catch_up(self.receive)

    def _listening(self) -> Sequence[ChangeListener]:
        if self._listeners is None:
            with self._lock:
                if self._listeners is None:
                    self._listeners = tuple(self._listeners_of())
        return self._listeners


def _discard(db: Session) -> None:
    if not db.in_nested_transaction():  # a savepoint's rollback keeps what came before it
        db.info.pop(_PENDING, None)
