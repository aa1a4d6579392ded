"""Create platform_modules: per-platform overrides of which optional modules are on.

Revision ID: tenancy_0002
Revises: tenancy_0001
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "tenancy_0002"
down_revision = "tenancy_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "platform_modules",
        sa.Column("platform_id", sa.Integer(), sa.ForeignKey("platforms.id"), nullable=False),
        sa.Column("module_code", sa.String(40), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("platform_id", "module_code"),
    )


def downgrade() -> None:
    op.drop_table("platform_modules")
