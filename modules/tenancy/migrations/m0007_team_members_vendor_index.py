"""Drop `ix_team_members_vendor_id`: `uq_team_members_vendor_id_user_id (vendor_id, user_id)` leads
with the same column and serves every read of a vendor's team (docs/scaling.md, "Changed now").

Revision ID: tenancy_0007
Revises: tenancy_0006
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

revision = "tenancy_0007"
down_revision = "tenancy_0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_team_members_vendor_id", table_name="team_members")


def downgrade() -> None:
    op.create_index("ix_team_members_vendor_id", "team_members", ["vendor_id"])
