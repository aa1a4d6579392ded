"""Order stock moves: the units each paid order took out of stock, per product and location, and
when they were put back. Orders paid before this revision took nothing, so there is nothing to fill.

Revision ID: orders_0007
Revises: orders_0006
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "orders_0007"
down_revision = "orders_0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "order_stock_moves",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("order_id", sa.Integer(), sa.ForeignKey("orders.id"), nullable=False),
        sa.Column("vendor_id", sa.Integer(), sa.ForeignKey("vendors.id"), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("location", sa.String(63), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("returned_at", sa.DateTime(), nullable=True),
    )
    op.create_index("ix_order_stock_moves_order_id", "order_stock_moves", ["order_id"])


def downgrade() -> None:
    op.drop_table("order_stock_moves")
