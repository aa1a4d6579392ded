"""A job's row errors and staged rows refer to it with the vendor in the key, `(vendor_id, job_id)`
→ `marketplace_import_jobs (vendor_id, id)`, ON DELETE CASCADE as before, and their keys lead with
the vendor (docs/scaling.md, "Changed now"). Row errors get the `vendor_id` they lacked, their job's.

`ux_marketplace_import_jobs_vendor_id_id` is a unique index rather than a unique constraint: SQLite
adds one without rebuilding the jobs, which it could not do while rows refer to them. Both databases
accept a unique index as the target of a foreign key. SQLite rebuilds the two other tables.

Revision ID: marketplace_0004
Revises: marketplace_0003
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "marketplace_0004"
down_revision = "marketplace_0003"
branch_labels = None
depends_on = None

_JOBS, _ERRORS, _STAGED = (
    "marketplace_import_jobs",
    "marketplace_import_errors",
    "marketplace_staging_products",
)


def _job_key(table: str) -> str:
    return f"fk_{table}_job_id_{_JOBS}"


def upgrade() -> None:
    op.create_index(f"ux_{_JOBS}_vendor_id_id", _JOBS, ["vendor_id", "id"], unique=True)
    op.add_column(_ERRORS, sa.Column("vendor_id", sa.Integer(), nullable=True))
    op.execute(
        f"UPDATE {_ERRORS} SET vendor_id = "  # noqa: S608 - names are constants
        f"(SELECT j.vendor_id FROM {_JOBS} j WHERE j.id = {_ERRORS}.job_id)"
    )
    op.drop_index(f"ix_{_ERRORS}_job_line", table_name=_ERRORS)
    with op.batch_alter_table(_ERRORS) as batch:
        batch.alter_column("vendor_id", existing_type=sa.Integer(), nullable=False)
        batch.create_foreign_key(f"fk_{_ERRORS}_vendor_id_vendors", "vendors", ["vendor_id"], ["id"])
        batch.drop_constraint(_job_key(_ERRORS), type_="foreignkey")
        batch.create_foreign_key(
            _job_key(_ERRORS), _JOBS, ["vendor_id", "job_id"], ["vendor_id", "id"], ondelete="CASCADE"
        )
    op.create_index(f"ix_{_ERRORS}_vendor_job_line", _ERRORS, ["vendor_id", "job_id", "line"])
    with op.batch_alter_table(_STAGED) as batch:
        batch.drop_constraint(f"uq_{_STAGED}_job_id_sku", type_="unique")
        batch.create_unique_constraint(f"uq_{_STAGED}_vendor_id_job_id_sku", ["vendor_id", "job_id", "sku"])
        batch.drop_constraint(_job_key(_STAGED), type_="foreignkey")
        batch.create_foreign_key(
            _job_key(_STAGED), _JOBS, ["vendor_id", "job_id"], ["vendor_id", "id"], ondelete="CASCADE"
        )


def downgrade() -> None:
    with op.batch_alter_table(_STAGED) as batch:
        batch.drop_constraint(_job_key(_STAGED), type_="foreignkey")
        batch.create_foreign_key(_job_key(_STAGED), _JOBS, ["job_id"], ["id"], ondelete="CASCADE")
        batch.drop_constraint(f"uq_{_STAGED}_vendor_id_job_id_sku", type_="unique")
        batch.create_unique_constraint(f"uq_{_STAGED}_job_id_sku", ["job_id", "sku"])
    op.drop_index(f"ix_{_ERRORS}_vendor_job_line", table_name=_ERRORS)
    with op.batch_alter_table(_ERRORS) as batch:
        batch.drop_constraint(_job_key(_ERRORS), type_="foreignkey")
        batch.create_foreign_key(_job_key(_ERRORS), _JOBS, ["job_id"], ["id"], ondelete="CASCADE")
        batch.drop_constraint(f"fk_{_ERRORS}_vendor_id_vendors", type_="foreignkey")
        batch.drop_column("vendor_id")
    op.create_index(f"ix_{_ERRORS}_job_line", _ERRORS, ["job_id", "line"])
    op.drop_index(f"ux_{_JOBS}_vendor_id_id", table_name=_JOBS)
