"""The database not answering is an outage, not a bug: 503 with `Retry-After`, and a few log lines.

A stopped or unreachable database, a full connection pool or a statement cut off by a timeout
raise SQLAlchemy's `OperationalError`, `InterfaceError` or pool `TimeoutError` from wherever the
request was (the tenant look-up, a service, a write). Each answers 503 with a sentence saying what
is unavailable and when to try again, having changed nothing: the write's transaction never
committed. Other database errors stay 500s: they are bugs.

During an outage every request fails the same way, so logging each one would bury the incident
(a 40-second outage once wrote 199 MB of tracebacks). `OutageLog` writes one line per cause per
interval, with how many requests it answered 503 since the last line.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from litestar import Request, Response
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

__all__ = ("OUTAGES", "RETRY_AFTER_S", "OutageLog", "outage_handler")

OUTAGES: tuple[type[Exception], ...] = (OperationalError, InterfaceError, PoolTimeoutError)
RETRY_AFTER_S = 5
UNAVAILABLE = f"the database is not answering: nothing was changed; try again in {RETRY_AFTER_S} seconds"

logger = logging.getLogger("tessera.http")


class OutageLog:
    """One WARNING line per cause per `interval_s`, counting the requests answered 503 meanwhile."""

    def __init__(self, interval_s: float = 10.0, clock: Callable[[], float] = time.monotonic) -> None:
        self._interval_s, self._clock = interval_s, clock
        self._lock = threading.Lock()
        self._last: dict[str, float] = {}
        self._unlogged: dict[str, int] = {}

    def note(self, cause: str) -> None:
        now = self._clock()
        with self._lock:
            self._unlogged[cause] = self._unlogged.get(cause, 0) + 1
            if now - self._last.get(cause, float("-inf")) < self._interval_s:
                return
            count, self._unlogged[cause], self._last[cause] = self._unlogged[cause], 0, now
        logger.warning("database unavailable, %d request(s) answered 503: %s", count, cause)


def _cause(error: Exception) -> str:
    """The driver's first line (`connection refused`, `canceling statement due to statement timeout`)."""
    original = getattr(error, "orig", None) or error
    lines = str(original).strip().splitlines()
    return f"{type(original).__name__}: {lines[0] if lines else ''}"


def outage_handler(log: OutageLog, respond: Callable[..., Response[Any]]) -> Callable[..., Response[Any]]:
    """The exception handler for `OUTAGES`; `respond(status, detail, headers=...)` shapes the body."""

    def handle(_: Request[Any, Any, Any], error: Exception) -> Response[Any]:
        log.note(_cause(error))
        return respond(503, UNAVAILABLE, headers={"Retry-After": str(RETRY_AFTER_S)})

    return handle
