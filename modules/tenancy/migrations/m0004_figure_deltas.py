"""Create figure_deltas: the changes writers append, folded later into figure_totals and figure_days
(see modules/tenancy/ledger/sql_ledger.py for why writers no longer update those rows themselves).

Revision ID: tenancy_0004
Revises: tenancy_0003
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "tenancy_0004"
down_revision = "tenancy_0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "figure_deltas",
        # SQLite numbers a primary key itself only when it is declared INTEGER.
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            primary_key=True,
            autoincrement=True,
        ),
        sa.Column("scope", sa.String(1), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("day", sa.Date(), nullable=True),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.CheckConstraint("scope IN ('v', 'p')", name="scope_known"),
    )
    op.create_index("ix_figure_deltas_owner", "figure_deltas", ["scope", "owner_id"])


def downgrade() -> None:
    op.drop_index("ix_figure_deltas_owner", table_name="figure_deltas")
    op.drop_table("figure_deltas")
