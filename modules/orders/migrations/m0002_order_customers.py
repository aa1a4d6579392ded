"""Create order_customers (orders per customer email and vendor), filled from the orders so far.

Revision ID: orders_0002
Revises: orders_0001
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "orders_0002"
down_revision = "orders_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "order_customers",
        sa.Column("vendor_id", sa.Integer(), sa.ForeignKey("vendors.id"), nullable=False),
        sa.Column("customer_email", sa.String(254), nullable=False),
        sa.Column("orders", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("vendor_id", "customer_email"),
    )
    op.execute(
        "INSERT INTO order_customers (vendor_id, customer_email, orders) "
        "SELECT vendor_id, customer_email, count(*) FROM orders GROUP BY vendor_id, customer_email"
    )


def downgrade() -> None:
    op.drop_table("order_customers")
