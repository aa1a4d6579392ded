"""What the change notices report to Prometheus: notices that could not be sent, and whether each
process listens for the others' (README, "Running several nodes").

Both are what an operator needs when nodes disagree: a node whose listener is down, or notices that
fail after commits, means other processes see changes only when their caches expire. The observer
is asked for when something happens, not when the channel is built (`Observing`): a channel may be
built in a process before `tessera serve` chooses where the workers' metrics go.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

__all__ = ("ChangeObserver", "Observing")

logger = logging.getLogger("tessera.changes")


class ChangeObserver(Protocol):
    def notices_unsent(self, count: int) -> None:
        """`count` committed changes were told to no other process."""
        ...

    def listening(self, listening: bool, again: bool = False) -> None:
        """The listener listens (`again`: after losing its connection), or has stopped listening."""
        ...


class Observing:
    """Calls the observer `find` returns, if any; an observer that fails is logged, never raised."""

    def __init__(self, find: Callable[[], ChangeObserver] | None) -> None:
        self._find = find

    def notices_unsent(self, count: int) -> None:
        self._tell(lambda observer: observer.notices_unsent(count))

    def listening(self, listening: bool, again: bool = False) -> None:
        self._tell(lambda observer: observer.listening(listening, again))

    def _tell(self, call: Callable[[ChangeObserver], None]) -> None:
        if self._find is None:
            return
        try:
            call(self._find())
        except Exception:
            logger.warning("the change notices' observer failed", exc_info=True)
