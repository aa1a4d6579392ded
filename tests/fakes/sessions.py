"""`InterruptibleSessions` without a database, counting what is open and what was interrupted."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any

from sqlalchemy.exc import OperationalError


class FakeHandle:
    def __init__(self, number: int) -> None:
        self.session: Any = f"session-{number}"  # providers under test never touch it
        self.interrupted = threading.Event()

    def interrupt(self) -> None:
        self.interrupted.set()


class FakeSessions:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.opened: list[FakeHandle] = []
        self.open_now = 0

    @contextmanager
    def open(self) -> Iterator[FakeHandle]:
        with self._lock:
            handle = FakeHandle(len(self.opened))
            self.opened.append(handle)
            self.open_now += 1
        try:
            yield handle
        finally:
            with self._lock:
                self.open_now -= 1


class UnreachableSessions:
    """Every session fails to connect, as when the database is down: what the pool raises then."""

    def open(self) -> AbstractContextManager[FakeHandle]:
        raise OperationalError("connect", None, ConnectionRefusedError("connection refused"))


class StalledSessions:
    """Every session waits for a connection until `release` is set, as behind a paused server."""

    def __init__(self) -> None:
        self.release = threading.Event()

    def open(self) -> AbstractContextManager[FakeHandle]:
        self.release.wait(30)
        raise OperationalError("connect", None, TimeoutError("no answer"))
