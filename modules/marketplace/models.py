"""Marketplace's tables: import jobs, the row errors of a file, and the rows staged for approval.

`vendor_id` refers to tenancy's vendors; that foreign key lives in the migration only, because this
module never imports tenancy's models. The job foreign keys are in the models too: same module.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal, get_args

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    ForeignKeyConstraint,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from kernel.persistence import UTCDateTime, module_metadata

__all__ = (
    "JOB_STATUSES",
    "MAX_ERROR_LENGTH",
    "MAX_FILENAME_LENGTH",
    "MAX_NOTE_LENGTH",
    "MAX_QUANTITY",
    "MAX_REASON_LENGTH",
    "MAX_SKU_LENGTH",
    "MAX_TITLE_LENGTH",
    "ROW_STATUSES",
    "Base",
    "ImportJob",
    "ImportRowError",
    "JobStatus",
    "RowStatus",
    "StagingProduct",
)

JobStatus = Literal["pending", "running", "completed", "failed"]
JOB_STATUSES: tuple[str, ...] = get_args(JobStatus)
RowStatus = Literal["staged", "published"]
ROW_STATUSES: tuple[str, ...] = get_args(RowStatus)

MAX_FILENAME_LENGTH = 255
MAX_ERROR_LENGTH = 500
MAX_NOTE_LENGTH = 300
MAX_REASON_LENGTH = 300
MAX_SKU_LENGTH = 64
MAX_TITLE_LENGTH = 200
MAX_QUANTITY = 1_000_000


def _known(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(value) for value in values)})"


class Base(DeclarativeBase):
    metadata = module_metadata()


def _of_its_job(table: str) -> ForeignKeyConstraint:
    """A row of a job refers to it with the vendor in the key, so both sit on one shard of a cluster
    distributed by vendor (docs/scaling.md); it goes with its job."""
    return ForeignKeyConstraint(
        ["vendor_id", "job_id"],
        ["marketplace_import_jobs.vendor_id", "marketplace_import_jobs.id"],
        name=f"fk_{table}_job_id_marketplace_import_jobs",
        ondelete="CASCADE",
    )


class ImportJob(Base):
    """One uploaded file. A job that failed as a whole says why in `error`; its rows are not kept.

    Its approval records how many stock rows the file's quantities set (`stock_rows_set`), and in
    `approval_note` what it could not do (quantities with no stock module on), so the job says so
    later too, not only the approval's response.
    """

    __tablename__ = "marketplace_import_jobs"
    __table_args__ = (
        Index("ix_marketplace_import_jobs_vendor_created", "vendor_id", "created_at"),
        # what a job's row errors and staged rows point at, the vendor in the key (marketplace_0004)
        Index("ux_marketplace_import_jobs_vendor_id_id", "vendor_id", "id", unique=True),
        CheckConstraint(_known("status", JOB_STATUSES), name="status_known"),
        CheckConstraint(
            "rows_valid >= 0 AND rows_invalid >= 0 AND rows_total = rows_valid + rows_invalid",
            name="rows_add_up",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    vendor_id: Mapped[int] = mapped_column(Integer)
    filename: Mapped[str] = mapped_column(String(MAX_FILENAME_LENGTH))
    status: Mapped[str] = mapped_column(String(16))
    rows_total: Mapped[int] = mapped_column(Integer)
    rows_valid: Mapped[int] = mapped_column(Integer)
    rows_invalid: Mapped[int] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(String(MAX_ERROR_LENGTH))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    stock_rows_set: Mapped[int | None] = mapped_column(Integer)
    approval_note: Mapped[str | None] = mapped_column(String(MAX_NOTE_LENGTH))

    # identity (vendor_id, id), as its keys (docs/scaling.md): session.get and ORM UPDATEs name the vendor
    __mapper_args__ = {"primary_key": [vendor_id, id]}


class ImportRowError(Base):
    """One problem with one line of a file; a line with several problems has several of these."""

    __tablename__ = "marketplace_import_errors"
    __table_args__ = (
        Index("ix_marketplace_import_errors_vendor_job_line", "vendor_id", "job_id", "line"),
        _of_its_job("marketplace_import_errors"),
        CheckConstraint("line >= 1", name="line_positive"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    vendor_id: Mapped[int] = mapped_column(Integer)
    """Its job's: every key of a vendor's rows leads with the vendor (marketplace_0004)."""
    job_id: Mapped[int] = mapped_column(Integer)
    line: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(MAX_REASON_LENGTH))

    # identity (vendor_id, id), as its keys (docs/scaling.md): session.get and ORM UPDATEs name the vendor
    __mapper_args__ = {"primary_key": [vendor_id, id]}


class StagingProduct(Base):
    """A valid row waiting for approval; `product_id` is the catalog's id once it is published.

    `quantity` is NULL when the file had no quantity for the row (no column, or an empty cell): its
    approval then leaves stock alone. A number is the product's stock from then on, set through the
    `StockLevels` contract when a stock module (inventory) is on; the catalog gets sku, title, price.
    """

    __tablename__ = "marketplace_staging_products"
    __table_args__ = (
        UniqueConstraint("vendor_id", "job_id", "sku"),
        Index("ix_marketplace_staging_products_vendor_job_line", "vendor_id", "job_id", "line"),
        _of_its_job("marketplace_staging_products"),
        CheckConstraint("price_cents >= 0", name="price_cents_not_negative"),
        CheckConstraint(f"quantity >= 0 AND quantity <= {MAX_QUANTITY}", name="quantity_in_range"),
        CheckConstraint("line >= 2", name="line_below_header"),
        CheckConstraint(_known("status", ROW_STATUSES), name="status_known"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    job_id: Mapped[int] = mapped_column(Integer)
    vendor_id: Mapped[int] = mapped_column(Integer)
    sku: Mapped[str] = mapped_column(String(MAX_SKU_LENGTH))
    title: Mapped[str] = mapped_column(String(MAX_TITLE_LENGTH))
    price_cents: Mapped[int] = mapped_column(BigInteger)
    quantity: Mapped[int | None] = mapped_column(Integer)
    line: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))
    product_id: Mapped[int | None] = mapped_column(Integer)

    # identity (vendor_id, id), as its keys (docs/scaling.md): session.get and ORM UPDATEs name the vendor
    __mapper_args__ = {"primary_key": [vendor_id, id]}
