"""Stock levels' keys lead with the vendor (docs/scaling.md, "Changed now"): a product's place is
unique per `(vendor_id, product_id, location)`, and the foreign key to the product carries the vendor,
`(vendor_id, product_id)` → `products (vendor_id, id)` (catalog_0002's unique index). The index on
`(vendor_id, product_id)` goes: the unique key's prefix serves it.

A stock row's vendor was always its product's (checked through the catalog when the row is made), so
the new foreign key holds for every row there is. SQLite rebuilds the table (batch mode).

Revision ID: inventory_0002
Revises: inventory_0001
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

revision = "inventory_0002"
down_revision = "inventory_0001"
branch_labels = None
depends_on = None

_TABLE = "stock_levels"
_FK = "fk_stock_levels_product_id_products"


def upgrade() -> None:
    op.drop_index("ix_stock_levels_vendor_product", table_name=_TABLE)
    with op.batch_alter_table(_TABLE) as batch:
        batch.drop_constraint(_FK, type_="foreignkey")
        batch.drop_constraint("uq_stock_levels_product_id_location", type_="unique")
        batch.create_unique_constraint(
            "uq_stock_levels_vendor_id_product_id_location", ["vendor_id", "product_id", "location"]
        )
        batch.create_foreign_key(_FK, "products", ["vendor_id", "product_id"], ["vendor_id", "id"])


def downgrade() -> None:
    with op.batch_alter_table(_TABLE) as batch:
        batch.drop_constraint(_FK, type_="foreignkey")
        batch.drop_constraint("uq_stock_levels_vendor_id_product_id_location", type_="unique")
        batch.create_unique_constraint("uq_stock_levels_product_id_location", ["product_id", "location"])
        batch.create_foreign_key(_FK, "products", ["product_id"], ["id"])
    op.create_index("ix_stock_levels_vendor_product", _TABLE, ["vendor_id", "product_id"])
