"""Marketplace's tables as the migration builds them: the foreign keys (those to tenancy's vendors
live in the migration only) and the index the dashboards filter on. The models and the migration are
compared by `tests/adapters/database/test_migrations.py`."""

from __future__ import annotations

from sqlalchemy import create_engine, inspect

from modules.marketplace.models import Base

METADATA = Base.metadata


def test_the_foreign_keys_are_in_the_migration(migrated_database: str) -> None:
    engine = create_engine(migrated_database)
    try:
        inspector = inspect(engine)
        foreign = {
            table: sorted(fk["referred_table"] for fk in inspector.get_foreign_keys(table))
            for table in METADATA.tables
        }
    finally:
        engine.dispose()
    assert foreign == {
        "marketplace_import_jobs": ["vendors"],
        "marketplace_import_errors": ["marketplace_import_jobs", "vendors"],
        "marketplace_staging_products": ["marketplace_import_jobs", "vendors"],
    }


def test_the_dashboard_filter_columns_are_indexed(migrated_database: str) -> None:
    engine = create_engine(migrated_database)
    try:
        indexes = [tuple(i["column_names"]) for i in inspect(engine).get_indexes("marketplace_import_jobs")]
    finally:
        engine.dispose()
    assert ("vendor_id", "created_at") in indexes
