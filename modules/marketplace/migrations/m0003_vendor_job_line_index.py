"""A job's staged rows are read by `(vendor_id, job_id, line)`, the vendor first, as every other
vendor-owned key (docs/scaling.md, "Changed now").

Revision ID: marketplace_0003
Revises: marketplace_0002
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

revision = "marketplace_0003"
down_revision = "marketplace_0002"
branch_labels = None
depends_on = None

TABLE = "marketplace_staging_products"


def upgrade() -> None:
    op.create_index(f"ix_{TABLE}_vendor_job_line", TABLE, ["vendor_id", "job_id", "line"])
    op.drop_index(f"ix_{TABLE}_job_line", table_name=TABLE)


def downgrade() -> None:
    op.create_index(f"ix_{TABLE}_job_line", TABLE, ["job_id", "line"])
    op.drop_index(f"ix_{TABLE}_vendor_job_line", table_name=TABLE)
