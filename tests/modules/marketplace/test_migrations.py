"""Marketplace's migration builds exactly the tables its models describe, on both databases.

The shared drift test in `tests/adapters/database/` lists the modules it checks; this one applies
the same comparison to marketplace, and also compares check constraints, which Alembic does not.
The foreign keys to tenancy's vendors live in the migration only, so they are expected extras.
"""

from __future__ import annotations

from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import CheckConstraint, Connection, create_engine, inspect

from modules.marketplace.models import Base

METADATA = Base.metadata


def _foreign_to_another_module(diff: Any) -> bool:
    return bool(diff[0] == "remove_fk" and diff[1].referred_table.name not in METADATA.tables)


def _check_names(connection: Connection) -> dict[str, set[str]]:
    inspector = inspect(connection)
    return {
        table: {str(c["name"]) for c in inspector.get_check_constraints(table)} for table in METADATA.tables
    }


def test_models_match_the_migration(migrated_database: str) -> None:
    engine = create_engine(migrated_database)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection,
                opts={
                    "compare_type": True,
                    "include_name": lambda name, kind, _: kind != "table" or name in METADATA.tables,
                },
            )
            diffs = [d for d in compare_metadata(context, METADATA) if not _foreign_to_another_module(d)]
            checks = _check_names(connection)
            foreign = {
                table: sorted(fk["referred_table"] for fk in inspect(connection).get_foreign_keys(table))
                for table in METADATA.tables
            }
    finally:
        engine.dispose()
    assert diffs == []
    assert checks == {
        name: {str(c.name) for c in table.constraints if isinstance(c, CheckConstraint)}
        for name, table in METADATA.tables.items()
    }
    assert foreign == {
        "marketplace_import_jobs": ["vendors"],
        "marketplace_import_errors": ["marketplace_import_jobs"],
        "marketplace_staging_products": ["marketplace_import_jobs", "vendors"],
    }


def test_the_dashboard_filter_columns_are_indexed(migrated_database: str) -> None:
    engine = create_engine(migrated_database)
    try:
        indexes = [tuple(i["column_names"]) for i in inspect(engine).get_indexes("marketplace_import_jobs")]
    finally:
        engine.dispose()
    assert ("vendor_id", "created_at") in indexes
