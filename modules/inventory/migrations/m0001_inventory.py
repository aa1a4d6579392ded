"""Create the stock levels table: one row per product and location, indexed for the vendor's list
and the dashboards' per-product sums.

Revision ID: inventory_0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "inventory_0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "stock_levels",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("vendor_id", sa.Integer(), sa.ForeignKey("vendors.id"), nullable=False),
        sa.Column("product_id", sa.Integer(), sa.ForeignKey("products.id"), nullable=False),
        sa.Column("location", sa.String(63), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("reorder_threshold", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("product_id", "location", name="uq_stock_levels_product_id_location"),
        sa.CheckConstraint("quantity >= 0", name="quantity_not_negative"),
        sa.CheckConstraint("reorder_threshold >= 0", name="reorder_threshold_not_negative"),
    )
    op.create_index("ix_stock_levels_vendor_product", "stock_levels", ["vendor_id", "product_id"])


def downgrade() -> None:
    op.drop_table("stock_levels")
