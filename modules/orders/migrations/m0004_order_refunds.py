"""Refunds: order_refunds (one row per refund, whole or partial) and orders.refunded_cents.

Orders already refunded were refunded in full, when is not known: each gets one refund of its total,
dated when it was refunded (its `refunded_at`, stamped by orders_0003). `tessera db upgrade` then
rebuilds the ledger, which brings the refund figures in.

Revision ID: orders_0004
Revises: orders_0003
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "orders_0004"
down_revision = "orders_0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("orders") as orders:
        orders.add_column(sa.Column("refunded_cents", sa.BigInteger(), nullable=False, server_default="0"))
        orders.create_check_constraint(
            "refunded_cents_within_total", "refunded_cents >= 0 AND refunded_cents <= total_cents"
        )
    op.create_table(
        "order_refunds",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("order_id", sa.Integer(), sa.ForeignKey("orders.id"), nullable=False),
        sa.Column("vendor_id", sa.Integer(), sa.ForeignKey("vendors.id"), nullable=False),
        sa.Column("amount_cents", sa.BigInteger(), nullable=False),
        sa.Column("reason", sa.String(500), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("amount_cents > 0", name="amount_cents_positive"),
    )
    op.create_index("ix_order_refunds_order_id", "order_refunds", ["order_id"])
    op.create_index("ix_order_refunds_vendor_created", "order_refunds", ["vendor_id", "created_at"])
    op.execute("UPDATE orders SET refunded_cents = total_cents WHERE status = 'refunded'")
    op.execute(
        "INSERT INTO order_refunds (order_id, vendor_id, amount_cents, created_at) "
        "SELECT id, vendor_id, total_cents, COALESCE(refunded_at, created_at) FROM orders "
        "WHERE status = 'refunded' AND total_cents > 0"
    )


def downgrade() -> None:
    op.drop_table("order_refunds")
    with op.batch_alter_table("orders") as orders:
        orders.drop_constraint("refunded_cents_within_total", type_="check")
        orders.drop_column("refunded_cents")
