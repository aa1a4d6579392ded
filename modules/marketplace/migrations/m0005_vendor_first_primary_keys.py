"""On PostgreSQL, the primary keys of import jobs, row errors and staged rows become `(vendor_id, id)`,
the key a cluster distributed by vendor needs (docs/scaling.md, "Changed now"); `id` is still drawn
from its sequence.

`ux_marketplace_import_jobs_vendor_id_id` stays: the row errors' and staged rows' foreign keys
point at it, on both databases, so that downgrades need not move them.

SQLite keeps `id`: it numbers a row itself only for a single-column INTEGER PRIMARY KEY. The ORM's
identity is `(vendor_id, id)` on both (the models' `__mapper_args__`).

Revision ID: marketplace_0005
Revises: marketplace_0004
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

revision = "marketplace_0005"
down_revision = "marketplace_0004"
branch_labels = None
depends_on = None

TABLES = ("marketplace_import_jobs", "marketplace_import_errors", "marketplace_staging_products")


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
