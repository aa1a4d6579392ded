"""What marketplace keeps in the ledger (`kernel.contracts.ledger`): the changes each write
makes, and the same rows computed from the raw tables.

Keys: `imports` (every job, on the UTC day it was uploaded, so "imports in the period" is a sum of
days), and with no day, as states of the jobs: `completed`, `failed`, and `awaiting_approval` (the
valid rows of completed jobs not yet approved; a completed job stages exactly its valid rows and an
approval publishes all of them at once). A job's change is its state after a write minus its state
before, so whatever path a job takes the figures stay exact.

The products an approval publishes are catalog's figures, recorded by catalog's publisher.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from sqlalchemy import DateTime, SelectBase, String, and_, case, func, literal, null, select, union_all

from kernel.contracts.ledger import LedgerSource
from modules.marketplace.models import ImportJob

__all__ = (
    "AWAITING",
    "COMPLETED",
    "FAILED",
    "IMPORTS",
    "NEW_IMPORT",
    "JobState",
    "MarketplaceLedgerSource",
    "job_changes",
)

IMPORTS, COMPLETED, FAILED, AWAITING = (
    f"marketplace.{name}" for name in ("imports", "completed", "failed", "awaiting_approval")
)
NEW_IMPORT: Mapping[str, int] = MappingProxyType({IMPORTS: 1})
"""On the day of the upload; a new job is pending, which no other figure counts."""


@dataclass(frozen=True, slots=True)
class JobState:
    status: str
    rows_valid: int
    approved: bool

    @classmethod
    def of(cls, job: ImportJob) -> JobState:
        return cls(job.status, job.rows_valid, job.approved_at is not None)

    def contribution(self) -> dict[str, int]:
        completed = self.status == "completed"
        return {
            COMPLETED: int(completed),
            FAILED: int(self.status == "failed"),
            AWAITING: self.rows_valid if completed and not self.approved else 0,
        }


def job_changes(before: JobState, after: JobState) -> dict[str, int]:
    """Undated changes of a job going from `before` to `after`."""
    old = before.contribution()
    return {key: value - old[key] for key, value in after.contribution().items() if value != old[key]}


class MarketplaceLedgerSource(LedgerSource):
    def vendor_rows(self) -> SelectBase:
        completed = ImportJob.status == "completed"
        awaiting = and_(completed, ImportJob.approved_at.is_(None))
        states = (
            select(
                ImportJob.vendor_id,
                func.count(case((completed, 1))).label("completed"),
                func.count(case((ImportJob.status == "failed", 1))).label("failed"),
                func.coalesce(func.sum(case((awaiting, ImportJob.rows_valid), else_=0)), 0).label("awaiting"),
            )
            .group_by(ImportJob.vendor_id)
            .subquery()
        )
        undated = [
            select(states.c.vendor_id, literal(key, String), null().cast(DateTime), states.c[column])
            for key, column in ((COMPLETED, "completed"), (FAILED, "failed"), (AWAITING, "awaiting"))
        ]
        at = ImportJob.created_at.label("at")
        imports = select(ImportJob.vendor_id, literal(IMPORTS, String), at, func.count()).group_by(
            ImportJob.vendor_id, at
        )
        return union_all(imports, *undated)
