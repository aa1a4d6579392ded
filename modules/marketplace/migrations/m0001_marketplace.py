"""Create marketplace's import jobs, row errors and staging products.

Revision ID: marketplace_0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "marketplace_0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "marketplace_import_jobs",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("vendor_id", sa.Integer(), sa.ForeignKey("vendors.id"), nullable=False),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("rows_total", sa.Integer(), nullable=False),
        sa.Column("rows_valid", sa.Integer(), nullable=False),
        sa.Column("rows_invalid", sa.Integer(), nullable=False),
        sa.Column("error", sa.String(500), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("approved_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint("status IN ('pending', 'running', 'completed', 'failed')", name="status_known"),
        sa.CheckConstraint(
            "rows_valid >= 0 AND rows_invalid >= 0 AND rows_total = rows_valid + rows_invalid",
            name="rows_add_up",
        ),
    )
    op.create_index(
        "ix_marketplace_import_jobs_vendor_created", "marketplace_import_jobs", ["vendor_id", "created_at"]
    )
    op.create_table(
        "marketplace_import_errors",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "job_id",
            sa.Integer(),
            sa.ForeignKey("marketplace_import_jobs.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(300), nullable=False),
        sa.CheckConstraint("line >= 1", name="line_positive"),
    )
    op.create_index("ix_marketplace_import_errors_job_line", "marketplace_import_errors", ["job_id", "line"])
    op.create_table(
        "marketplace_staging_products",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "job_id",
            sa.Integer(),
            sa.ForeignKey("marketplace_import_jobs.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("vendor_id", sa.Integer(), sa.ForeignKey("vendors.id"), nullable=False),
        sa.Column("sku", sa.String(64), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("price_cents", sa.BigInteger(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=True),
        sa.UniqueConstraint("job_id", "sku"),
        sa.CheckConstraint("price_cents >= 0", name="price_cents_not_negative"),
        sa.CheckConstraint("quantity >= 0 AND quantity <= 1000000", name="quantity_in_range"),
        sa.CheckConstraint("line >= 2", name="line_below_header"),
        sa.CheckConstraint("status IN ('staged', 'published')", name="status_known"),
    )
    op.create_index(
        "ix_marketplace_staging_products_job_line", "marketplace_staging_products", ["job_id", "line"]
    )


def downgrade() -> None:
    op.drop_table("marketplace_staging_products")
    op.drop_table("marketplace_import_errors")
    op.drop_table("marketplace_import_jobs")
