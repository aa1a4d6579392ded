"""Approve a completed import: publish its staged rows into the catalog, all or nothing.

The catalog is reached only through `contracts.catalog.ProductPublisher`, which writes in
this session: publishing the products, marking the staging rows published and stamping the job
approved commit together, so a failure anywhere leaves the catalog and the job as they were.

Quantities go to the optional inventory module, which marketplace does not require, through
`contracts.stock.StockLevels`, in the same session: a row's quantity becomes its product's
stock at the default location (a file is a snapshot), a row without one leaves stock alone. The
root hands over a list of keepers: empty when inventory is off in settings or not installed, and a
keeper whose module is off for the request's platform is skipped. Products are published either
way; when the file had quantities that nothing applied, the job's `approval_note` says so.

The job's rows stop awaiting approval in the ledger in the same transaction; the products
published are the catalog's figures, which its publisher records.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.attributes import set_committed_value

from contracts.catalog import ProductDraft, ProductPublisher
from contracts.module_switches import ModuleSwitches
from contracts.stock import StockCount, StockLevels
from kernel.clock import Clock
from kernel.contracts.ledger import LedgerWriter
from kernel.errors import ConflictError
from modules.marketplace.ledger_keys import JobState, job_changes
from modules.marketplace.models import ImportJob, StagingProduct
from modules.marketplace.schemas import ApprovalOut, ImportJobOut, StagingProductOut
from modules.marketplace.service import owned_job

__all__ = ("QUANTITIES_NOT_APPLIED", "ImportApproval")

QUANTITIES_NOT_APPLIED = "quantities not applied: the inventory module is off for this platform"


def _refusal(job: ImportJob) -> str | None:
    """Why this job cannot be approved now, or None when it can."""
    if job.approved_at is not None:
        return f"import {job.id} was already approved at {job.approved_at.isoformat()}"
    if job.status != "completed":
        return f"import {job.id} is {job.status}: only a completed import can be approved"
    if job.rows_valid == 0:
        return f"import {job.id} has no valid rows to publish"
    return None


class ImportApproval:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        clock: Clock,
        publisher: ProductPublisher,
        ledger: LedgerWriter,
        stock: Sequence[StockLevels],
        switches: ModuleSwitches,
    ) -> None:
        self._sessions = sessions
        self._clock = clock
        self._publisher = publisher
        self._ledger = ledger
        self._stock = stock
        self._switches = switches

    def approve(self, vendor_id: int, job_id: int, platform_id: int | None = None) -> ApprovalOut:
        """`platform_id` is the request's platform, whose module switches decide whether stock is
        set; None (no platform, as in the CLI and tests) leaves it to settings alone."""
        keepers = self._keepers(platform_id)  # before the transaction: it may read on its own session
        with self._sessions.begin() as session:
            job = owned_job(session, vendor_id, job_id)
            refusal = _refusal(job)
            if refusal is not None:
                raise ConflictError(refusal)
            before = JobState.of(job)
            self._claim(session, job)
            self._ledger.record(session, vendor_id, job_changes(before, JobState.of(job)))
            rows = list(
                session.scalars(
                    select(StagingProduct)
                    .where(StagingProduct.vendor_id == vendor_id, StagingProduct.job_id == job.id)
                    .where(StagingProduct.status == "staged")
                    .order_by(StagingProduct.line)
                )
            )
            drafts = [ProductDraft(sku=r.sku, title=r.title, price_cents=r.price_cents) for r in rows]
            published = self._publisher.publish(session, vendor_id, drafts)
            for row in rows:
                row.status, row.product_id = "published", published.product_ids[row.sku]
            stock_rows_set = self._set_stock(session, job, keepers, rows)
            session.flush()
            return ApprovalOut(
                job=ImportJobOut.of(job),
                created=published.created,
                updated=published.updated,
                stock_rows_set=stock_rows_set,
                products=[StagingProductOut.of(row) for row in rows],
            )

    @staticmethod
    def _set_stock(
        session: Session, job: ImportJob, keepers: list[StockLevels], rows: list[StagingProduct]
    ) -> int:
        """The rows' quantities become their products' stock, or the job notes that nothing kept
        them; how many stock rows were set, also kept on the job."""
        counts = [
            StockCount(row.product_id, row.quantity)
            for row in rows
            if row.product_id is not None and row.quantity is not None
        ]
        job.stock_rows_set = (
            sum(k.set_quantities(session, job.vendor_id, counts) for k in keepers) if counts else 0
        )
        job.approval_note = QUANTITIES_NOT_APPLIED if counts and not keepers else None
        return job.stock_rows_set

    def _keepers(self, platform_id: int | None) -> list[StockLevels]:
        if platform_id is None:
            return list(self._stock)
        on = self._switches.enabled_codes(platform_id)
        return [keeper for keeper in self._stock if keeper.module_code in on]

    def _claim(self, session: Session, job: ImportJob) -> None:
        """Stamp the job approved only if it still is not, so two approvals racing publish once:
        the loser's UPDATE finds no row (PostgreSQL waits for the winner's commit first)."""
        now = self._clock.now()
        claimed = session.execute(
            update(ImportJob)
            .where(ImportJob.vendor_id == job.vendor_id, ImportJob.id == job.id)
            .where(ImportJob.approved_at.is_(None))
            .values(approved_at=now)
            .execution_options(synchronize_session=False)
        )
        if claimed.rowcount != 1:  # type: ignore[attr-defined]
            raise ConflictError(f"import {job.id} is being approved or was approved just now")
        set_committed_value(job, "approved_at", now)
