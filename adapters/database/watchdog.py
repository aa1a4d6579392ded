"""Stop a statement that has to stop, even when the server will not: cancel, then cut the socket.

A cancel request asks the server to stop a statement. A backend that is paused (SIGSTOP, a wedged
host, a VM frozen mid-migration) never acts on it, and TCP keepalives never fire either, because the
server's kernel still acknowledges every packet. The thread waiting for the answer would wait until
the backend wakes up, holding its worker and its pooled connection all that time.

So the watchdog cancels first, off the caller's thread (a cancel opens a connection and may itself
wait), and if the call has not returned `grace_s` later it shuts the connection's socket down. The
blocked read returns at once, psycopg raises `OperationalError` ("server closed the connection
unexpectedly"), and SQLAlchemy discards that connection instead of returning it to the pool.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any, Protocol

__all__ = ("ConnectionWatchdog", "Watched", "cut_after", "sever")

logger = logging.getLogger("tessera.database")


class Watched(Protocol):
    """A call on one connection that the watchdog may stop."""

    def cancel(self) -> None:
        """Ask the server to stop the running statement (psycopg's cancel, sqlite3's interrupt)."""
        ...

    def wait_finished(self, timeout_s: float) -> bool:
        """True once the call has given its connection back, waiting at most `timeout_s`."""
        ...

    def sever(self) -> None:
        """Cut the connection if the call still holds it."""
        ...


def sever(dbapi_connection: Any) -> bool:
    """Shut down a psycopg connection's socket from any thread; False if it has none (sqlite3).

    The descriptor is duplicated so that closing our socket object leaves psycopg's own alone: the
    shutdown acts on the connection both share, the close only on the copy."""
    pgconn = getattr(dbapi_connection, "pgconn", None)
    if pgconn is None:
        return False
    try:
        fd = pgconn.socket
    except Exception:  # already closed: nothing to cut
        return False
    with socket.socket(fileno=os.dup(fd)) as copy:
        try:
            copy.shutdown(socket.SHUT_RDWR)
        except OSError:  # the peer closed it meanwhile
            return False
    return True


@contextmanager
def cut_after(
    dbapi_connection: Any, limit_s: float, what: str = "a pooled connection's ping"
) -> Iterator[None]:
    """Cut the connection if the block has not ended within `limit_s`: for a call on a connection
    nobody else holds (the pool's ping before lending it, the change notices' own connection),
    where cutting needs no other care. `what` names the call in the warning."""
    lock = threading.Lock()
    ended = False

    def cut() -> None:
        with lock:
            if not ended:
                logger.warning("%s had no answer within %d ms: its connection was cut", what, limit_s * 1000)
                sever(dbapi_connection)

    timer = threading.Timer(limit_s, cut)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            ended = True
        timer.cancel()


class ConnectionWatchdog:
    """Runs the cancel-then-cut sequence on its own threads; `stop()` never blocks the caller."""

    def __init__(self, grace_s: float, threads: int) -> None:
        self._grace_s = grace_s
        self._threads = threads
        self._lock = threading.Lock()
        self._executor: ThreadPoolExecutor | None = None

    @property
    def grace_s(self) -> float:
        return self._grace_s

    def stop(self, call: Watched) -> None:
        with self._lock:
            if self._executor is None:
                self._executor = ThreadPoolExecutor(self._threads, thread_name_prefix="tessera-watchdog")
            self._executor.submit(self._stop, call)

    def close(self) -> None:
        with self._lock:
            if self._executor is not None:
                self._executor.shutdown(wait=False, cancel_futures=True)
                self._executor = None

    def _stop(self, call: Watched) -> None:
        try:
            call.cancel()
        except Exception as error:  # a failed cancel is what the cut is for
            logger.warning("could not cancel a statement: %s", error)
        if call.wait_finished(self._grace_s):
            return
        logger.warning(
            "a statement ignored its cancel for %d ms: cutting its connection", round(self._grace_s * 1000)
        )
        call.sever()
