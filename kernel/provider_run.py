"""One provider call's run, shared by the worker thread that makes it and the aggregator that waits
for it (kernel/aggregator.py): who may interrupt its session, and whether it overran its deadline."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kernel.contracts.sessions import InterruptibleSession

__all__ = ("AbandonedError", "ProviderRun")


class AbandonedError(Exception):
    """Raised in a worker whose dashboard stopped waiting before the worker even started."""


class ProviderRun:
    """The hand-over point between a worker and the aggregator for one provider call.

    The lock guarantees an interrupt only ever reaches the session while this provider owns it,
    never a connection already returned to the pool and lent to someone else; it also decides, once,
    whether an abandoned call was still running (and so counts as overrunning until it returns).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._handle: InterruptibleSession | None = None
        self._started = self._finished = self._abandoned = False
        self.seconds: float | None = None
        """How long the batch took to answer; None while it runs, or if it raised."""

    def start(self) -> None:
        with self._lock:
            if self._abandoned:  # queued until the deadline passed: do not even take a connection
                raise AbandonedError
            self._started = True

    def attach(self, handle: InterruptibleSession) -> None:
        with self._lock:
            self._handle = handle

    def detach(self) -> None:
        with self._lock:
            self._handle = None

    def abandon(self) -> bool:
        """Interrupt the call; True if it was running, so it now overruns until it returns."""
        with self._lock:
            self._abandoned = True
            if self._handle is not None:
                self._handle.interrupt()
            return self._started and not self._finished

    def finish(self) -> bool:
        """True if the call had been abandoned while running: it no longer overruns."""
        with self._lock:
            self._finished = True
            return self._abandoned
