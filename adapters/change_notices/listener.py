"""The thread that hears other processes' changes on PostgreSQL: `LISTEN tessera_cache` on a
connection of its own, each line handed to the hub as it arrives.

One per server process (a worker of `tessera serve`), started and stopped with the app like the
ledger folder. Its connection must reach PostgreSQL itself, in a session of its own: pgbouncer in
transaction pooling mode would hand the LISTEN's session to other clients, so `database.listen_url`
names a way around it (it defaults to `database.url`); a streaming replica cannot LISTEN either.

Messages sent while no connection listens are lost, so on every connection, the first included,
it LISTENs first and then drops every cache of the process (`on_connect`): what it missed is read
again from the database. The first connection is opened by `start`, before the app serves a request
(so that first drop finds nothing to drop, and no request is served from before it); one that fails
is opened again by the thread after a pause that doubles on each failure up to `_LONGEST_PAUSE_S`.
While none is open, caches are dropped by their TTLs only. The first failure is a warning; the
attempts after it, until one succeeds, are debug lines: an outage of the database says so already.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

import psycopg

from adapters.change_notices.observer import Observing
from adapters.change_notices.postgres import CHANNEL
from adapters.database.watchdog import sever

__all__ = ("ChangeListenerThread",)

logger = logging.getLogger("tessera.changes")

_FIRST_PAUSE_S = 0.1
_LONGEST_PAUSE_S = 5.0
_STEADY_S = 10.0
"""A connection that listened this long was no flapping one: the next failure starts the pauses over."""
_WAKE_EVERY_S = 1.0
_PING_AFTER_S = 30.0
"""A connection that heard nothing this long sends a `SELECT 1`: a server's `idle_session_timeout`
(or a proxy's idle limit) would otherwise close it, and every close drops every cache."""


class ChangeListenerThread:
    def __init__(
        self,
        connect: Callable[[], Any],
        receive: Callable[[str], None],
        on_connect: Callable[[], None],
        observer: Observing | None = None,
    ) -> None:
        self._connect = connect
        self._observer = observer or Observing(None)
        self._receive = receive
        self._on_connect = on_connect
        self._stopped = threading.Event()
        self._thread: threading.Thread | None = None
        self._connection: Any = None
        self.connections = 0
        """How many times it started listening (1 once started; more after each reconnection)."""
        self.backend_pid: int | None = None
        self._failing = False

    def start(self) -> None:
        self._stopped.clear()
        try:
            self._open()
        except (psycopg.Error, OSError) as error:  # the thread tries again
            self._close()
            logger.warning("not listening for other processes' changes yet (%s)", _first_line(error))
            self._failing = True  # that was the first failure's warning: the thread's retries are debug
        self._thread = threading.Thread(target=self._run, name="tessera-change-listener", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Cutting the socket wakes the wait for notices at once, so stopping takes no time."""
        self._stopped.set()
        connection = self._connection
        if connection is not None:
            sever(connection)
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def _run(self) -> None:
        pause = _FIRST_PAUSE_S
        while not self._stopped.is_set():
            began = time.monotonic()
            try:
                if self._connection is None:
                    self._open()
                self._hear()
            except (psycopg.Error, OSError) as error:
                if self._stopped.is_set():
                    break
                (logger.debug if self._failing else logger.warning)(
                    "not listening for other processes' changes (%s): trying again in %.1f s; "
                    "meanwhile caches expire by their TTLs",
                    _first_line(error),
                    pause,
                )
                self._failing = True
            except Exception:
                logger.exception("the change listener failed: trying again in %.1f s", pause)
            finally:
                self._close()
            if time.monotonic() - began > _STEADY_S:
                pause = _FIRST_PAUSE_S
            self._stopped.wait(pause)
            pause = min(pause * 2, _LONGEST_PAUSE_S)

    def _open(self) -> None:
        self._connection = connection = self._connect()
        if self._stopped.is_set():  # stopped while connecting: `stop` found nothing to cut
            return
        connection.execute(f"LISTEN {CHANNEL}")
        self.backend_pid = connection.info.backend_pid
        self.connections += 1
        self._failing = False
        if self.connections > 1:
            logger.info("listening for other processes' changes again: every cache dropped")
        self._on_connect()
        self._observer.listening(True, again=self.connections > 1)

    def _hear(self) -> None:
        heard = time.monotonic()
        while not self._stopped.is_set():
            for notice in self._connection.notifies(timeout=_WAKE_EVERY_S):
                self._receive(notice.payload)
                heard = time.monotonic()
            if time.monotonic() - heard > _PING_AFTER_S:
                self._connection.execute("SELECT 1")
                heard = time.monotonic()

    def _close(self) -> None:
        connection, self._connection = self._connection, None
        self.backend_pid = None
        if not self._stopped.is_set():  # lost, or never had it: not listening until the next try
            self._observer.listening(False)
        if connection is not None:
            try:
                connection.close()
            except psycopg.Error:
                logger.debug("closing the change listener's connection failed", exc_info=True)


def _first_line(error: BaseException) -> str:
    return str(error).partition("\n")[0] or type(error).__name__
