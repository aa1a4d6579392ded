"""The database sessions the aggregator hands to providers, and the one extra power it needs.

A provider that overruns its time budget is abandoned, but its query would keep a pooled
connection busy until it finished. So each session handed out can be interrupted from another
thread: the database adapter cancels the running statement (PostgreSQL) or interrupts it (SQLite),
the provider's call fails, and its connection goes back to the pool at once.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

__all__ = ("InterruptibleSession", "InterruptibleSessions")


@runtime_checkable
class InterruptibleSession(Protocol):
    @property
    def session(self) -> Session: ...

    def interrupt(self) -> None:
        """Stop the statement running on this session now; safe to call from any thread."""
        ...


@runtime_checkable
class InterruptibleSessions(Protocol):
    def open(self) -> AbstractContextManager[InterruptibleSession]:
        """A read session with its own connection, returned to the pool when the block ends."""
        ...
