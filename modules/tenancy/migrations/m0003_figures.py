"""Create the ledger: figure_totals and figure_days (see kernel.contracts.ledger).

They start empty; `tessera db upgrade` rebuilds them from the raw tables after any migration runs,
so an existing database gets its figures without a separate step.

Revision ID: tenancy_0003
Revises: tenancy_0002
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "tenancy_0003"
down_revision = "tenancy_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "figure_totals",
        sa.Column("scope", sa.String(1), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("scope", "owner_id", "key"),
        sa.CheckConstraint("scope IN ('v', 'p')", name="scope_known"),
    )
    op.create_table(
        "figure_days",
        sa.Column("scope", sa.String(1), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("scope", "owner_id", "key", "day"),
        sa.CheckConstraint("scope IN ('v', 'p')", name="scope_known"),
    )


def downgrade() -> None:
    op.drop_table("figure_days")
    op.drop_table("figure_totals")
