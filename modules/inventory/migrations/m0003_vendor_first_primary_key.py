"""On PostgreSQL, stock levels' primary key becomes `(vendor_id, id)`, the key a cluster distributed
by vendor needs (docs/scaling.md, "Changed now"); `id` is still drawn from its sequence.

SQLite keeps `id`: it numbers a row itself only for a single-column INTEGER PRIMARY KEY. The ORM's
identity is `(vendor_id, id)` on both (the models' `__mapper_args__`).

Revision ID: inventory_0003
Revises: inventory_0002
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

revision = "inventory_0003"
down_revision = "inventory_0002"
branch_labels = None
depends_on = None

TABLES = ("stock_levels",)


def _key(columns: list[str]) -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in TABLES:
        op.drop_constraint(f"pk_{table}", table, type_="primary")
        op.create_primary_key(f"pk_{table}", table, columns)


def upgrade() -> None:
    _key(["vendor_id", "id"])


def downgrade() -> None:
    _key(["id"])
