"""The database not answering is an outage, not a bug: 503 with `Retry-After`, and a few log lines.

A stopped or unreachable database, a full connection pool or a statement cut off by a timeout
raise SQLAlchemy's `OperationalError`, `InterfaceError` or pool `TimeoutError` from wherever the
request was (the tenant look-up, a service, a write). Each answers 503 with a sentence saying what
is unavailable and when to try again, having changed nothing: the write's transaction never
committed. Other database errors stay 500s: they are bugs.

During an outage every request fails the same way, so each 503 is one WARNING naming its cause (the
driver's first line, as `extra={"cause": ...}`), and the process's logging (`adapters/logs`) writes
one line per cause per interval with how many it kept back: a 40-second outage once wrote 199 MB of
tracebacks.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from litestar import Request, Response

from adapters.database.outages import OUTAGES
from adapters.logs.repeats import CAUSE

__all__ = ("OUTAGES", "RETRY_AFTER_S", "outage_handler")

RETRY_AFTER_S = 5
UNAVAILABLE = f"the database is not answering: nothing was changed; try again in {RETRY_AFTER_S} seconds"

logger = logging.getLogger("tessera.http")


def _cause(error: Exception) -> str:
    """The driver's first line (`connection refused`, `canceling statement due to statement timeout`)."""
    original = getattr(error, "orig", None) or error
    lines = str(original).strip().splitlines()
    return f"{type(original).__name__}: {lines[0] if lines else ''}"


def outage_handler(respond: Callable[..., Response[Any]]) -> Callable[..., Response[Any]]:
    """The exception handler for `OUTAGES`; `respond(status, detail, headers=...)` shapes the body."""

    def handle(_: Request[Any, Any, Any], error: Exception) -> Response[Any]:
        cause = _cause(error)
        logger.warning("database unavailable, answering 503: %s", cause, extra={CAUSE: cause})
        return respond(503, UNAVAILABLE, headers={"Retry-After": str(RETRY_AFTER_S)})

    return handle
