"""An order's refunds, lines and stock moves are found by `(vendor_id, order_id)`, the vendor first,
as every other vendor-owned key (docs/scaling.md, "Changed now"); the indexes on `order_id` alone go.

Revision ID: orders_0010
Revises: orders_0009
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

revision = "orders_0010"
down_revision = "orders_0009"
branch_labels = None
depends_on = None

TABLES = ("order_refunds", "order_lines", "order_stock_moves")


def upgrade() -> None:
    for table in TABLES:
        op.create_index(f"ix_{table}_vendor_order", table, ["vendor_id", "order_id"])
        op.drop_index(f"ix_{table}_order_id", table_name=table)


def downgrade() -> None:
    for table in TABLES:
        op.create_index(f"ix_{table}_order_id", table, ["order_id"])
        op.drop_index(f"ix_{table}_vendor_order", table_name=table)
