"""Where each dashboard, series and ranking reads, and how fresh its answer says it is.

The primary, when there is no replica (`database.read_url` empty), when the monitor skips it, or when
the owner's last write (`positions.py`) is past what the replica has replayed and does not arrive
within `database.read_your_writes_wait_ms`: a user who just wrote sees it on their next dashboard,
on whichever node it lands. Otherwise the replica, and the answer states the replica's
`fresh_as_of`; on the primary it is the moment just before the reads.

A read on the replica that fails for want of the database (`OUTAGES`: a replica killed, a connection
cut) makes the monitor skip the replica until its next check finds it well, and is read again on
the primary at once (`read`): a replica going away costs no request.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, Protocol, TypeVar

from adapters.database.outages import OUTAGES
from adapters.replica.monitor import ReplicaState
from adapters.replica.positions import UNKNOWN, WrittenPositions
from kernel.clock import Clock
from kernel.context import Owner
from kernel.contracts.sessions import InterruptibleSessions

__all__ = ("ReadFrom", "ReadObserver", "ReadRoute", "ReadRouter", "ReplicaWatch")

logger = logging.getLogger("tessera.replica")

ReadFrom = Literal["primary", "replica"]
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class ReadRoute:
    sessions: InterruptibleSessions
    read_from: ReadFrom
    fresh_as_of: datetime
    """Every write acknowledged before this moment is in what these sessions read."""


class ReplicaWatch(Protocol):
    """What routing asks of the monitor (`monitor.ReplicaMonitor`; tests give a fake)."""

    def state(self) -> ReplicaState: ...

    def wait_for(self, position: int, timeout_s: float) -> bool: ...

    def failed(self, problem: str) -> None: ...


class ReadObserver(Protocol):
    def dashboard_read(self, source: ReadFrom) -> None:
        """One read routed (Prometheus's counter by source); quick and never failing."""
        ...


@dataclass(frozen=True, slots=True)
class Replica:
    """The replica's side of routing: its sessions, its monitor, and the owners' last writes."""

    sessions: InterruptibleSessions
    monitor: ReplicaWatch
    positions: WrittenPositions
    wait_s: float


class ReadRouter:
    def __init__(
        self,
        primary: InterruptibleSessions,
        clock: Clock,
        replica: Replica | None = None,
        observer: ReadObserver | None = None,
    ) -> None:
        self._primary = primary
        self._clock = clock
        self._replica = replica
        self._observer = observer

    def replica_state(self) -> ReplicaState | None:
        """None without a replica configured."""
        return None if self._replica is None else self._replica.monitor.state()

    def route(self, owner: Owner) -> ReadRoute:
        """Blocks at most `read_your_writes_wait_ms`, and only after a write of `owner`."""
        replica = self._replica
        if replica is None or not self._replica_fits(replica, owner):
            return self.primary()
        state = replica.monitor.state()
        if not state.in_use or state.fresh_as_of is None:
            return self.primary()
        self._tell("replica")
        return ReadRoute(replica.sessions, "replica", state.fresh_as_of)

    def primary(self) -> ReadRoute:
        self._tell("primary")
        return ReadRoute(self._primary, "primary", self._clock.now())

    def read(self, owner: Owner, read: Callable[[InterruptibleSessions], T]) -> tuple[T, ReadRoute]:
        """`read(sessions)` on the owner's route; again on the primary if the replica failed it."""
        route = self.route(owner)
        try:
            return read(route.sessions), route
        except OUTAGES as error:
            if route.read_from != "replica":
                raise
            self.replica_failed(error)
        route = self.primary()
        return read(route.sessions), route

    def replica_failed(self, error: BaseException | None) -> None:
        """A read on the replica failed or ran late: skip it until the monitor finds it well."""
        if self._replica is None:
            return
        named = "ran late" if error is None else (str(error).partition("\n")[0] or type(error).__name__)
        logger.warning("a dashboard read on the replica failed (%s): reading the primary", named)
        self._replica.monitor.failed(f"a read failed ({named})")

    def _replica_fits(self, replica: Replica, owner: Owner) -> bool:
        """The replica has the owner's last write kept here, or gets it within the wait."""
        state = replica.monitor.state()
        if not state.in_use:
            return False
        written = replica.positions.last(owner)
        if written is None or (state.replayed is not None and state.replayed >= written):
            return True
        return written != UNKNOWN and replica.wait_s > 0 and replica.monitor.wait_for(written, replica.wait_s)

    def _tell(self, source: ReadFrom) -> None:
        if self._observer is None:
            return
        try:
            self._observer.dashboard_read(source)
        except Exception:
            logger.warning("the dashboard read observer failed", exc_info=True)
