"""`ux_products_vendor_id_id (vendor_id, id)`: the key other vendor-owned tables point at with the
vendor in their foreign key (inventory's stock levels), so that on a cluster distributed by vendor a
product and what refers to it share a shard (docs/scaling.md, "Changed now").

A unique index rather than a unique constraint: SQLite adds one without rebuilding the table, which
it could not do here while stock rows refer to the products (the rebuild drops the table). Both
databases accept a unique index as the target of a foreign key. Downgrade inventory past
inventory_0002 first: its foreign key needs this index.

Revision ID: catalog_0002
Revises: catalog_0001
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

revision = "catalog_0002"
down_revision = "catalog_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ux_products_vendor_id_id", "products", ["vendor_id", "id"], unique=True)


def downgrade() -> None:
    op.drop_index("ux_products_vendor_id_id", table_name="products")
