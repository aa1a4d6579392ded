"""Quantities are applied on approval: a staged row without one is NULL, and a job records what its
approval did with them.

Rows staged before this revision had 0 for "no quantity", and their approval ignored quantities, so
the quantities of rows still awaiting approval become NULL: approving an old import must not empty
stock the vendor never meant to touch. Published rows keep theirs as the record of what the file said.

Revision ID: marketplace_0002
Revises: marketplace_0001
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "marketplace_0002"
down_revision = "marketplace_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("marketplace_staging_products") as batch:
        batch.alter_column("quantity", existing_type=sa.Integer(), nullable=True)
    op.execute("UPDATE marketplace_staging_products SET quantity = NULL WHERE status = 'staged'")
    with op.batch_alter_table("marketplace_import_jobs") as batch:
        batch.add_column(sa.Column("stock_rows_set", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("approval_note", sa.String(300), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("marketplace_import_jobs") as batch:
        batch.drop_column("approval_note")
        batch.drop_column("stock_rows_set")
    op.execute("UPDATE marketplace_staging_products SET quantity = 0 WHERE quantity IS NULL")
    with op.batch_alter_table("marketplace_staging_products") as batch:
        batch.alter_column("quantity", existing_type=sa.Integer(), nullable=False)
