"""A logging handler that passes records on to another, collapsing repeats on the way (`Repeats`).

It sits on the root logger, so it sees every record whatever logger made it: Tessera's, granian's,
SQLAlchemy's pool, a driver's. Each process keeps its own counts, so each worker of
`tessera serve --workers N` writes its own line per cause per interval.

A count kept back is written when its interval ends: by the next record of any cause, or else by a
ticker thread, so an incident's last count shows within a second of its interval instead of
waiting for whatever is logged next; and at exit, when `logging.shutdown` closes the handler. The
ticker runs only while some count waits, and starts again after a fork.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from adapters.logs.repeats import Repeats

__all__ = ("CollapsingHandler",)


class CollapsingHandler(logging.Handler):
    """`quiet`: exception types whose tracebacks are never written (see `Repeats`). `tick_s=None`
    leaves kept-back counts to the next record, `flush()` and `close()` (tests)."""

    def __init__(
        self,
        target: logging.Handler,
        interval_s: float,
        *,
        quiet: tuple[type[BaseException], ...] = (),
        clock: Callable[[], float] = time.monotonic,
        tick_s: float | None = 1.0,
    ) -> None:
        super().__init__()
        self._target = target
        self._repeats = Repeats(interval_s, clock, quiet=quiet)
        self._tick_s = tick_s
        self._ticker: threading.Thread | None = None
        self._stopping = threading.Event()

    def emit(self, record: logging.LogRecord) -> None:
        """Called under the handler's lock (`Handler.handle`), like everything that reads the counts."""
        line = self._repeats.admit(record)
        if line is not None:
            self._target.handle(line)
        for summary in self._repeats.due():
            self._target.handle(summary)
        if self._repeats.pending:
            self._start_ticker()

    def flush(self) -> None:
        """Write the counts whose interval has ended."""
        self._write(everything=False)
        self._target.flush()

    def close(self) -> None:
        """Write every count still kept back: nothing counted is lost when the process ends."""
        self._stopping.set()
        self._write(everything=True)
        self._target.close()
        super().close()

    def _write(self, *, everything: bool) -> None:
        self.acquire()
        try:
            for summary in self._repeats.due(everything=everything):
                self._target.handle(summary)
        finally:
            self.release()

    def _start_ticker(self) -> None:
        if self._tick_s is None or self._stopping.is_set():
            return
        if self._ticker is not None and self._ticker.is_alive():  # a forked child has none running
            return
        self._ticker = threading.Thread(target=self._tick, args=(self._tick_s,), name="tessera-log-repeats")
        self._ticker.daemon = True
        self._ticker.start()

    def _tick(self, every_s: float) -> None:
        while not self._stopping.wait(every_s):
            self.acquire()
            try:
                for summary in self._repeats.due():
                    self._target.handle(summary)
                if not self._repeats.pending:  # decided under the lock: emit starts a new one if needed
                    self._ticker = None
                    return
            finally:
                self.release()
