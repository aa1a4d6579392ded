"""Create the customers table: one row per vendor and email, indexed for per-period counts.

Revision ID: customers_0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "customers_0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "customers",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("vendor_id", sa.Integer(), sa.ForeignKey("vendors.id"), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("name", sa.String(200), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("vendor_id", "email", name="uq_customers_vendor_email"),
    )
    op.create_index("ix_customers_vendor_created", "customers", ["vendor_id", "created_at"])


def downgrade() -> None:
    op.drop_table("customers")
