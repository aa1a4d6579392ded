"""Marketplace's figures on both dashboards, read from the ledger: imports, their outcome, and rows
awaiting approval. `ledger_keys.py` says what each key holds; the success rate is derived here from
the job counts, rounded once.
"""

from __future__ import annotations

from kernel.contracts.ledger import LedgerReading
from kernel.ledger_metrics import LedgerMetrics, Metric
from modules.marketplace.ledger_keys import AWAITING, COMPLETED, FAILED, IMPORTS

__all__ = ("MARKETPLACE_METRICS", "success_rate")


def success_rate(completed: int, failed: int) -> float:
    """Completed jobs as a percentage of finished ones, to one decimal rounded half up, in integers
    so no float rounding shows; 0.0 when no job has finished (nothing has failed either)."""
    finished = completed + failed
    if not finished:
        return 0.0
    tenths = (completed * 2000 + finished) // (finished * 2)
    return tenths / 10


def _success_rate(reading: LedgerReading) -> float:
    return success_rate(reading.total(COMPLETED), reading.total(FAILED))


MARKETPLACE_METRICS = LedgerMetrics(
    "marketplace",
    Metric("imports_total", "Imports", IMPORTS, "CSV imports, all time", icon="upload"),
    Metric(
        "imports_completed",
        "Completed imports",
        COMPLETED,
        "Imports whose file was read, some rows possibly invalid",
        icon="check",
    ),
    Metric(
        "imports_failed", "Failed imports", FAILED, "Imports whose file could not be read at all", icon="x"
    ),
    Metric(
        "success_rate",
        "Import success rate",
        _success_rate,
        "Completed imports out of finished ones (0.0 when none has finished)",
        unit="%",
        icon="percent",
    ),
    Metric(
        "staging_awaiting_approval",
        "Rows awaiting approval",
        AWAITING,
        "Valid rows of completed imports not yet approved into the catalog",
        icon="inbox",
    ),
    Metric(
        "imports_in_period",
        "Imports in period",
        IMPORTS,
        "Imports uploaded in the period, whatever their outcome",
        period=True,
        icon="upload",
    ),
)
