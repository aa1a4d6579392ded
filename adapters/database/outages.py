"""What "the database is not answering" looks like from SQLAlchemy, named once for every layer.

A stopped or unreachable server, a full connection pool and a statement cut off by a timeout raise
`OperationalError`, `InterfaceError` or the pool's `TimeoutError`. The HTTP layer answers them 503,
the dashboards tell an outage from a bug by them, and the logs write them without a traceback; the
CLI shares the dashboards, so the names live here rather than in the web layer.
"""

from __future__ import annotations

from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

__all__ = ("OUTAGES",)

OUTAGES: tuple[type[Exception], ...] = (OperationalError, InterfaceError, PoolTimeoutError)
