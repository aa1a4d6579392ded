"""orders.external_id: the vendor's own name for an order (its number in the shop it came from),
unique per vendor, so an order sent twice or imported twice is recorded once.

Revision ID: orders_0008
Revises: orders_0007
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "orders_0008"
down_revision = "orders_0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("orders", sa.Column("external_id", sa.String(200), nullable=True))
    # NULLs are distinct on both databases: orders without one never collide
    op.create_index("ux_orders_vendor_external_id", "orders", ["vendor_id", "external_id"], unique=True)


def downgrade() -> None:
    op.drop_index("ux_orders_vendor_external_id", table_name="orders")
    with op.batch_alter_table("orders") as orders:
        orders.drop_column("external_id")
