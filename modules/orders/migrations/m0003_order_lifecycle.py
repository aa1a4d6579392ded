"""Stamp each step of an order's life: paid_at, shipped_at, delivered_at, cancelled_at, refunded_at.

Orders recorded before this have no history: each gets the stamps of the usual path to its status at
its `created_at`, exactly what an order recorded straight in that status gets now (lifecycle.py).

Revision ID: orders_0003
Revises: orders_0002
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "orders_0003"
down_revision = "orders_0002"
branch_labels = None
depends_on = None

STAMPED = {
    "paid_at": ("paid", "shipped", "delivered", "refunded"),
    "shipped_at": ("shipped", "delivered"),
    "delivered_at": ("delivered",),
    "cancelled_at": ("cancelled",),
    "refunded_at": ("refunded",),
}


def upgrade() -> None:
    with op.batch_alter_table("orders") as orders:
        for column in STAMPED:
            orders.add_column(sa.Column(column, sa.DateTime(), nullable=True))
    for column, statuses in STAMPED.items():
        listed = ", ".join(f"'{status}'" for status in statuses)
        op.execute(f"UPDATE orders SET {column} = created_at WHERE status IN ({listed})")  # noqa: S608


def downgrade() -> None:
    with op.batch_alter_table("orders") as orders:
        for column in STAMPED:
            orders.drop_column(column)
