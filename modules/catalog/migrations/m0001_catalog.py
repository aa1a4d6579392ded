"""Create the products table, unique by sku per vendor and indexed for the dashboards' per-vendor,
per-period queries.

Revision ID: catalog_0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "catalog_0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "products",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("vendor_id", sa.Integer(), sa.ForeignKey("vendors.id"), nullable=False),
        sa.Column("sku", sa.String(64), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("price_cents", sa.BigInteger(), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("is_featured", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("vendor_id", "sku", name="uq_products_vendor_id_sku"),
        sa.CheckConstraint("price_cents >= 0", name="price_cents_not_negative"),
    )
    op.create_index("ix_products_vendor_created", "products", ["vendor_id", "created_at"])


def downgrade() -> None:
    op.drop_table("products")
