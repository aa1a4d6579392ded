"""An order's refunds, lines and stock moves refer to it with the vendor in the key,
`(vendor_id, order_id)` → `orders (vendor_id, id)`, so that on a cluster distributed by vendor they
share its shard (docs/scaling.md, "Changed now"). `ux_orders_vendor_id_id` is what they point at.

A unique index rather than a unique constraint: SQLite adds one without rebuilding `orders`, which
it could not do while rows refer to the orders (the rebuild drops the table). Both databases accept
a unique index as the target of a foreign key. Each row's vendor was always its order's, so the new
foreign keys hold for every row there is. SQLite rebuilds the three tables (batch mode).

Revision ID: orders_0011
Revises: orders_0010
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

revision = "orders_0011"
down_revision = "orders_0010"
branch_labels = None
depends_on = None

TABLES = ("order_refunds", "order_lines", "order_stock_moves")


def upgrade() -> None:
    op.create_index("ux_orders_vendor_id_id", "orders", ["vendor_id", "id"], unique=True)
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_constraint(f"fk_{table}_order_id_orders", type_="foreignkey")
            batch.create_foreign_key(
                f"fk_{table}_order_id_orders", "orders", ["vendor_id", "order_id"], ["vendor_id", "id"]
            )


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_constraint(f"fk_{table}_order_id_orders", type_="foreignkey")
            batch.create_foreign_key(f"fk_{table}_order_id_orders", "orders", ["order_id"], ["id"])
    op.drop_index("ux_orders_vendor_id_id", table_name="orders")
