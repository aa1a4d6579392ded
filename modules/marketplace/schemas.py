"""Response bodies of the marketplace routes, and how a stored row becomes one.

The upload itself is multipart form data, not JSON: its one field is described in `routes.py`.
"""

from __future__ import annotations

from datetime import datetime
from typing import cast

import msgspec

from contracts.pagination import Page
from modules.marketplace.models import ImportJob, ImportRowError, JobStatus, RowStatus, StagingProduct

__all__ = (
    "ApprovalOut",
    "ImportJobOut",
    "ImportJobPage",
    "JobStatus",
    "RowErrorOut",
    "RowErrorPage",
    "StagingProductOut",
    "StagingProductPage",
)


class ImportJobOut(msgspec.Struct, kw_only=True):
    """`error` says why a failed job's file was refused as a whole; row problems are listed apart.
    `stock_rows_set` (null until approved) and `approval_note` say what the approval did with the
    file's quantities (see `ApprovalOut`)."""

    id: int
    vendor_id: int
    filename: str
    status: JobStatus
    rows_total: int
    rows_valid: int
    rows_invalid: int
    error: str | None
    created_at: datetime
    finished_at: datetime | None
    approved_at: datetime | None
    stock_rows_set: int | None
    approval_note: str | None

    @classmethod
    def of(cls, job: ImportJob) -> ImportJobOut:
        return cls(
            id=job.id,
            vendor_id=job.vendor_id,
            filename=job.filename,
            status=cast("JobStatus", job.status),
            rows_total=job.rows_total,
            rows_valid=job.rows_valid,
            rows_invalid=job.rows_invalid,
            error=job.error,
            created_at=job.created_at,
            finished_at=job.finished_at,
            approved_at=job.approved_at,
            stock_rows_set=job.stock_rows_set,
            approval_note=job.approval_note,
        )


class ImportJobPage(Page[ImportJobOut]):
    pass


class RowErrorOut(msgspec.Struct, kw_only=True):
    line: int
    reason: str

    @classmethod
    def of(cls, error: ImportRowError) -> RowErrorOut:
        return cls(line=error.line, reason=error.reason)


class RowErrorPage(Page[RowErrorOut]):
    pass


class StagingProductOut(msgspec.Struct, kw_only=True):
    """`product_id` is the catalog's id once the row is published. `quantity` is what the file said,
    null when it said nothing (approval then leaves the product's stock alone)."""

    id: int
    line: int
    sku: str
    title: str
    price_cents: int
    quantity: int | None
    status: RowStatus
    product_id: int | None

    @classmethod
    def of(cls, row: StagingProduct) -> StagingProductOut:
        return cls(
            id=row.id,
            line=row.line,
            sku=row.sku,
            title=row.title,
            price_cents=row.price_cents,
            quantity=row.quantity,
            status=cast("RowStatus", row.status),
            product_id=row.product_id,
        )


class StagingProductPage(Page[StagingProductOut]):
    pass


class ApprovalOut(msgspec.Struct, kw_only=True):
    """What an approval did: how many catalog products it created and updated, how many stock rows
    the file's quantities set (each product's stock at the default location "main" becomes the
    file's quantity, its reorder threshold kept; rows without a quantity leave stock alone), and
    every published row with its catalog id. When the file has quantities but the inventory module
    is off for the platform, the products are still published, `stock_rows_set` is 0 and
    `job.approval_note` says the quantities were not applied."""

    job: ImportJobOut
    created: int
    updated: int
    stock_rows_set: int
    products: list[StagingProductOut]
