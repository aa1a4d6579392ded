"""Marketplace's figures for a vendor or a platform: imports, their outcome, and rows awaiting approval.

Everything comes from one SELECT over the import jobs with conditional aggregates. Rows awaiting
approval are summed from the jobs' `rows_valid` rather than counted in the staging table: a
completed job stages exactly its valid rows and an approval publishes all of them at once, so the
two always agree and the dashboard stays one statement.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, case, func, select
from sqlalchemy.orm import Session

from kernel.context import MetricsContext
from kernel.metrics import MetricValue, with_trend
from kernel.vendor_figures import VendorFigures
from modules.marketplace.models import ImportJob

__all__ = ("MarketplaceMetricsProvider", "success_rate")

CATEGORY = "marketplace"


def success_rate(completed: int, failed: int) -> float:
    """Completed jobs as a percentage of finished ones, to one decimal rounded half up, in integers
    so no float rounding shows; 0.0 when no job has finished (nothing has failed either)."""
    finished = completed + failed
    if not finished:
        return 0.0
    tenths = (completed * 2000 + finished) // (finished * 2)
    return tenths / 10


class MarketplaceMetricsProvider(VendorFigures):
    metrics_category = CATEGORY
    vendor_column = ImportJob.vendor_id

    def figures(self, db: Session, scope: ColumnElement[bool], context: MetricsContext) -> list[MetricValue]:
        completed = ImportJob.status == "completed"
        awaiting = and_(completed, ImportJob.approved_at.is_(None))
        row = db.execute(
            select(
                func.count(),
                func.count(case((completed, 1))),
                func.count(case((ImportJob.status == "failed", 1))),
                func.coalesce(func.sum(case((awaiting, ImportJob.rows_valid), else_=0)), 0),
                func.count(case((context.window.includes(ImportJob.created_at), 1))),
                func.count(case((context.previous_window.includes(ImportJob.created_at), 1))),
            ).where(scope)
        ).one()
        total, done, failed, waiting, period, previous = (int(value) for value in row)
        return [
            self.count("imports_total", total, "Imports", icon="upload", description="CSV imports, all time"),
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
                key=f"{CATEGORY}.success_rate",
                value=success_rate(done, failed),
                label="Import success rate",
                category=CATEGORY,
                icon="percent",
                description="Completed imports out of finished ones (0.0 when none has finished)",
                unit="%",
            ),
            self.count(
                "staging_awaiting_approval",
                waiting,
                "Rows awaiting approval",
                icon="inbox",
                description="Valid rows of completed imports not yet approved into the catalog",
            ),
            with_trend(
                self.count(
                    "imports_in_period",
                    period,
                    "Imports in period",
                    icon="upload",
                    description="Imports uploaded in the period, whatever their outcome",
                ),
                previous,
                context.include_trends,
            ),
        ]
