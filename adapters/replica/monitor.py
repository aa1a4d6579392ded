"""How far behind the primary the replica is, and as of when its figures are complete.

One per server process, on a thread of its own: every `interval_s` (half a second, less for a small
lag bound) it reads the primary's WAL position, then the replica's replay position. Each primary
reading is kept with the moment just before it was taken: every write acknowledged before that
moment is at or before that position. So once the replica has replayed a position, every write
acknowledged before its moment is on the replica: that moment is the replica's `fresh_as_of`, the
latest one whose position it has replayed. An idle primary is no lag: its position does not move,
the replica has replayed it, and `fresh_as_of` is the last reading's moment. (The replica's replay
timestamp would not do: it stands still while the primary is idle.)

The replica is in use while the last check reached it in recovery and `fresh_as_of` is at most
`database.replica_max_lag_ms` old; otherwise it is skipped, with the reason: "unreachable",
"lagging 7.2 s behind", "not a replica". A monitor that cannot check (a primary or a replica that
hangs) lets `fresh_as_of` age, so the replica is skipped all the same, never read on old figures.

A dashboard waiting for its owner's last write (`wait_for`) makes the thread read the replay
position every few milliseconds until it is there or every waiter has given up: one statement per
poll for every waiter of the process, never one per request.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from adapters.replica.probes import PROBE_ERRORS, ReplicaStatus
from kernel.clock import Clock

__all__ = ("ReplicaMonitor", "ReplicaObserver", "ReplicaState")

logger = logging.getLogger("tessera.replica")

_POLL_S = 0.005
"""How often the replay position is read while a dashboard waits for it."""
_KEEP_READINGS_S = 60.0


@dataclass(frozen=True, slots=True)
class ReplicaState:
    in_use: bool
    reason: str
    """What `/ready` shows: "in use, 0.0 s behind", "skipped: lagging 7.2 s behind", …"""
    lag_s: float | None
    """How far the replay was behind the primary at the last reading; None when not known."""
    fresh_as_of: datetime | None
    """Every write acknowledged before this is on the replica; None before the first check."""
    replayed: int | None


class ReplicaObserver(Protocol):
    def replica_checked(self, in_use: bool, lag_s: float | None) -> None:
        """After each check (Prometheus's gauges); quick and never failing."""
        ...


class ReplicaMonitor:
    def __init__(
        self,
        primary: Callable[[], int],
        replica: Callable[[], ReplicaStatus],
        clock: Clock,
        *,
        max_lag_s: float,
        observer: ReplicaObserver | None = None,
        on_stop: Callable[[], None] = lambda: None,
    ) -> None:
        """`primary`: the primary's WAL position; `replica`: the replica's status (`probes.py`);
        `on_stop` cuts what they may be stuck on."""
        self._primary = primary
        self._replica = replica
        self._clock = clock
        self.max_lag_s = max_lag_s
        self.interval_s = min(0.5, max_lag_s / 4)
        self._observer = observer
        self._on_stop = on_stop
        self._changed = threading.Condition()
        self._readings: deque[tuple[datetime, int]] = deque(maxlen=int(_KEEP_READINGS_S / self.interval_s))
        self._problem: str | None = "not checked yet"
        self._replayed: int | None = None
        self._fresh_as_of: datetime | None = None
        self._waiters = 0
        self._stopped = threading.Event()
        self._thread: threading.Thread | None = None

    def state(self) -> ReplicaState:
        with self._changed:
            problem, fresh_as_of, replayed = self._problem, self._fresh_as_of, self._replayed
            latest = self._readings[-1][0] if self._readings else None
        lag_s = None if fresh_as_of is None or latest is None else (latest - fresh_as_of).total_seconds()
        if problem is None and (fresh_as_of is None or lag_s is None):
            problem = "lagging behind every position read from the primary"
        if problem is None and lag_s is not None and lag_s > self.max_lag_s:
            problem = f"lagging {lag_s:.1f} s behind"
        if problem is None and fresh_as_of is not None:
            age_s = (self._clock.now() - fresh_as_of).total_seconds()
            if age_s > self.max_lag_s:
                problem = f"not checked for {age_s:.1f} s"
        if problem is not None:
            return ReplicaState(False, f"skipped: {problem}", lag_s, fresh_as_of, replayed)
        return ReplicaState(True, f"in use, {lag_s or 0.0:.1f} s behind", lag_s, fresh_as_of, replayed)

    def check(self) -> ReplicaState:
        """Read both positions once (the thread's work; tests call it directly)."""
        moment = self._clock.now()
        try:
            position = self._primary()
            with self._changed:
                self._readings.append((moment, position))
        except PROBE_ERRORS as error:  # the readings so far still date the replica's replay
            logger.debug("the primary's WAL position could not be read: %s", _named(error))
        try:
            status = self._replica()
        except PROBE_ERRORS as error:
            self.failed(f"unreachable ({_named(error)})")
            return self.state()
        if not status.in_recovery or status.replayed is None:
            self.failed("not a replica (pg_is_in_recovery() is false)")
            return self.state()
        self._reached(status.replayed, problem=None)
        state = self.state()
        self._tell(state)
        return state

    def failed(self, problem: str) -> None:
        """Skip the replica until a check finds it well again (a dashboard's read on it failed)."""
        with self._changed:
            self._problem = problem
        self._tell(self.state())

    def wait_for(self, position: int, timeout_s: float) -> bool:
        """True once the replica has replayed `position`, False if not within `timeout_s`."""
        deadline = time.monotonic() + timeout_s
        with self._changed:
            self._waiters += 1
            self._changed.notify_all()  # the thread polls while anyone waits
            try:
                while self._problem is None and not self._stopped.is_set():
                    if self._replayed is not None and self._replayed >= position:
                        return True
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        break
                    self._changed.wait(remaining)
                return False
            finally:
                self._waiters -= 1

    def start(self) -> None:
        self._stopped.clear()
        self._thread = threading.Thread(target=self._run, name="tessera-replica-monitor", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stopped.set()
        with self._changed:
            self._changed.notify_all()
        self._on_stop()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def _run(self) -> None:
        next_check = 0.0
        while not self._stopped.is_set():
            try:
                if time.monotonic() >= next_check:
                    self.check()
                    next_check = time.monotonic() + self.interval_s
                elif self._waiters:
                    self._poll()
            except Exception:  # a bug here must not end the thread: the replica would look fresh forever
                logger.exception("the replica monitor failed; it checks again")
            with self._changed:
                pause = _POLL_S if self._waiters else next_check - time.monotonic()
                if pause > 0 and not self._stopped.is_set():
                    self._changed.wait(pause)

    def _poll(self) -> None:
        """The replay position alone, for waiting dashboards."""
        try:
            status = self._replica()
        except PROBE_ERRORS as error:
            self.failed(f"unreachable ({_named(error)})")
            return
        if status.in_recovery and status.replayed is not None:
            with self._changed:
                problem = self._problem
            self._reached(status.replayed, problem=problem)

    def _reached(self, replayed: int, problem: str | None) -> None:
        """The replica has replayed `replayed`: the latest primary reading at or before it dates it."""
        with self._changed:
            self._replayed = replayed
            self._fresh_as_of = next(
                (moment for moment, position in reversed(self._readings) if position <= replayed), None
            )
            self._problem = problem
            self._changed.notify_all()

    def _tell(self, state: ReplicaState) -> None:
        if self._observer is None:
            return
        try:
            self._observer.replica_checked(state.in_use, state.lag_s)
        except Exception:
            logger.warning("the replica observer failed", exc_info=True)


def _named(error: BaseException) -> str:
    return str(error).partition("\n")[0] or type(error).__name__
