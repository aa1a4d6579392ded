"""Marketplace's figures for a vendor or a platform, from the figures ledger: imports, their outcome,
and rows awaiting approval. `modules/marketplace/figures.py` says what the ledger holds; the success
rate is derived here from the job counts, rounded once.
"""

from __future__ import annotations

from kernel.context import MetricsContext
from kernel.contracts.figures import LedgerFigures
from kernel.ledger_metrics import LedgerMetrics
from kernel.metrics import MetricValue, with_trend
from modules.marketplace.figures import AWAITING, COMPLETED, FAILED, IMPORTS, KEYS

__all__ = ("MarketplaceMetricsProvider", "success_rate")


def success_rate(completed: int, failed: int) -> float:
    """Completed jobs as a percentage of finished ones, to one decimal rounded half up, in integers
    so no float rounding shows; 0.0 when no job has finished (nothing has failed either)."""
    finished = completed + failed
    if not finished:
        return 0.0
    tenths = (completed * 2000 + finished) // (finished * 2)
    return tenths / 10


class MarketplaceMetricsProvider(LedgerMetrics):
    metrics_category = "marketplace"
    keys = KEYS

    def metrics(self, figures: LedgerFigures, context: MetricsContext) -> list[MetricValue]:
        done, failed = figures.total(COMPLETED), figures.total(FAILED)
        return [
            self.count(
                "imports_total",
                figures.total(IMPORTS),
                "Imports",
                icon="upload",
                description="CSV imports, all time",
            ),
            self.count(
                "imports_completed",
                done,
                "Completed imports",
                icon="check",
                description="Imports whose file was read, some rows possibly invalid",
            ),
            self.count(
                "imports_failed",
                failed,
                "Failed imports",
                icon="x",
                description="Imports whose file could not be read at all",
            ),
            MetricValue(
                key=f"{self.metrics_category}.success_rate",
                value=success_rate(done, failed),
                label="Import success rate",
                category=self.metrics_category,
                icon="percent",
                description="Completed imports out of finished ones (0.0 when none has finished)",
                unit="%",
            ),
            self.count(
                "staging_awaiting_approval",
                figures.total(AWAITING),
                "Rows awaiting approval",
                icon="inbox",
                description="Valid rows of completed imports not yet approved into the catalog",
            ),
            with_trend(
                self.count(
                    "imports_in_period",
                    figures.in_window(IMPORTS),
                    "Imports in period",
                    icon="upload",
                    description="Imports uploaded in the period, whatever their outcome",
                ),
                figures.before_window(IMPORTS),
                context.include_trends,
            ),
        ]
