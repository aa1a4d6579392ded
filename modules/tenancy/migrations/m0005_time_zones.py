"""Time zones: platforms and vendors each get an IANA `timezone` (UTC until someone sets it), and a
delta may carry the moment of its change (`at`) instead of a day, so that the folder buckets it into
its owner's local day (see modules/tenancy/ledger/days.py for why the writer does not).

Existing rows keep UTC, which is what their day buckets already are, so nothing needs rebuilding.

Revision ID: tenancy_0005
Revises: tenancy_0004
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "tenancy_0005"
down_revision = "tenancy_0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("platforms", "vendors"):
        op.add_column(table, sa.Column("timezone", sa.String(64), nullable=False, server_default="UTC"))
    op.add_column("figure_deltas", sa.Column("at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    op.drop_column("figure_deltas", "at")
    for table in ("vendors", "platforms"):
        op.drop_column(table, "timezone")
