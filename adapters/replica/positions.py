"""WAL positions, and each owner's last write as the change notices told it.

A write that moves an owner's figures (an order: its vendor and its platforms) is told to every
process after its commit, stamped with the primary's `pg_current_wal_lsn()` read after that commit
(adapters/change_notices/postgres.py), so the stamp is at or past the write. A dashboard for that
owner reads the replica only once the replica has replayed that far (`routing.py`).

Entries are kept `keep_s`: the replica's lag bound and a margin. An older write is in any answer the
replica gives while it is in use, since in use means its figures are complete as of at most that
bound ago (`monitor.py`); so forgetting it loses nothing, and the map stays as small as the writes
of a few seconds.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable

__all__ = ("UNKNOWN", "WrittenPositions", "lsn_number")

Owner = tuple[str, int]
"""`("vendor", 3)`, `("platform", 1)`: as change notices name them (`contracts/change_notices.py`)."""

UNKNOWN = 2**64
"""The position of a write whose notice could not be stamped (the primary did not answer the
NOTIFY): past any replay, so its owner's dashboards read the primary while it is kept."""


def lsn_number(text: str) -> int:
    """PostgreSQL's `pg_lsn` text (`16/B374D848`) as the number it stands for."""
    high, _, low = text.partition("/")
    return (int(high, 16) << 32) | int(low, 16)


class WrittenPositions:
    """Owner -> the position of its last write known to this process, for `keep_s` seconds."""

    def __init__(
        self, keep_s: float, *, max_entries: int = 100_000, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._keep_s = keep_s
        self._max = max_entries
        self._clock = clock
        self._lock = threading.Lock()
        self._written: dict[Owner, tuple[int, float]] = {}
        self._all_unknown_until = float("-inf")

    def record(self, owners: Iterable[Owner], position: int) -> None:
        """These owners were written at or before `position` (`UNKNOWN` if it is not known)."""
        now = self._clock()
        with self._lock:
            for owner in owners:
                known = self._written.pop(owner, None)  # re-inserted last: the dict stays in time order
                self._written[owner] = (max(position, known[0]) if known else position, now)
            self._forget(now)

    def all_unknown(self) -> None:
        """Every owner may have been written without this process being told: its listener was
        away (reconnected), or it has just started. For `keep_s` every owner's last write counts as
        `UNKNOWN`, so dashboards read the primary until the replica's bound covers what was missed."""
        with self._lock:
            self._all_unknown_until = self._clock() + self._keep_s

    def last(self, owner: Owner) -> int | None:
        """The position of the owner's last write kept, None if none is."""
        now = self._clock()
        if now < self._all_unknown_until:
            return UNKNOWN
        with self._lock:
            found = self._written.get(owner)
            if found is None or now - found[1] > self._keep_s:
                return None
            return found[0]

    def __len__(self) -> int:
        return len(self._written)

    def _forget(self, now: float) -> None:
        """Oldest first (insertion order is time order); past `max_entries` the oldest go too: an
        owner forgotten early may read a replica that is within its lag bound, never beyond it."""
        while self._written:
            owner, (_, at) = next(iter(self._written.items()))
            if now - at <= self._keep_s and len(self._written) <= self._max:
                break
            del self._written[owner]
