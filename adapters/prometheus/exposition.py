"""One scrape's text, from one process or from all of granian's workers.

Under `tessera serve` (`PROMETHEUS_MULTIPROC_DIR` set, multiprocess_dir.py) each worker's counters
live in its own files, and whichever worker answers the scrape sums them all
(`MultiProcessCollector`): Prometheus sees one service, not whichever worker it reached. Alone (tests,
any single-process server) the app's own registry answers. Either way the ledger's figures are read
at scrape time (ledger_collector.py) and kept in no file.
"""

from __future__ import annotations

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

from adapters.prometheus.instruments import ProcessMetrics

__all__ = ("CONTENT_TYPE", "Exposition")

CONTENT_TYPE = CONTENT_TYPE_LATEST
"""Prometheus's text format (0.0.4)."""


class Exposition:
    def __init__(
        self, process: ProcessMetrics, ledger: Collector | None, multiprocess_dir: str | None
    ) -> None:
        if multiprocess_dir is None:
            self._registry = process.registry
        else:
            self._registry = CollectorRegistry()
            MultiProcessCollector(self._registry, path=multiprocess_dir)  # type: ignore[no-untyped-call]
        if ledger is not None:
            self._registry.register(ledger)

    def scrape(self) -> bytes:
        """Blocking: the ledger's figures are read from the database."""
        return generate_latest(self._registry)
