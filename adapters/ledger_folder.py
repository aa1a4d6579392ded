"""The background folder: each server process folds the ledger's deltas every
`ledger.fold_interval_ms`, so they never pile up and dashboards read few of them.

A daemon thread, started and stopped with the app's lifespan. Every tick it folds until no deltas
are left, one bounded batch per transaction (`fold_ledger`). Several processes may tick at once:
on PostgreSQL one folds and the others find the fold lock taken and wait for their next tick. A
failing tick is logged and the next one tries again: the database not answering as one line (the
log collapses its repeats, see adapters/logs), anything else with its traceback.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from adapters.database.outages import OUTAGES

__all__ = ("LedgerFolder",)

logger = logging.getLogger("tessera.ledger")


class LedgerFolder:
    def __init__(self, fold_all: Callable[[], int], interval_s: float) -> None:
        self._fold_all = fold_all
        self._interval_s = interval_s
        self._stopped = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._stopped.clear()
        self._thread = threading.Thread(target=self._run, name="tessera-ledger-folder", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """The tick under way finishes (a batch takes milliseconds); the process does not wait longer."""
        self._stopped.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def _run(self) -> None:
        while not self._stopped.wait(self._interval_s):
            try:
                self._fold_all()
            except OUTAGES as error:  # the database away, a timeout: the next tick tries again
                first_line = str(error).partition("\n")[0]
                logger.warning("folding the ledger failed: the database did not answer (%s)", first_line)
            except Exception:
                logger.exception("folding the ledger failed")
