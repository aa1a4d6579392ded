"""Create order_idempotency_keys: each `Idempotency-Key` a vendor's client sent with a write, what
that write asked and what it answered.

Revision ID: orders_0005
Revises: orders_0004
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "orders_0005"
down_revision = "orders_0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "order_idempotency_keys",
        sa.Column("vendor_id", sa.Integer(), sa.ForeignKey("vendors.id"), nullable=False),
        sa.Column("key", sa.String(255), nullable=False),
        sa.Column("request", sa.String(64), nullable=False),
        sa.Column("answer", sa.LargeBinary(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("vendor_id", "key"),
    )


def downgrade() -> None:
    op.drop_table("order_idempotency_keys")
