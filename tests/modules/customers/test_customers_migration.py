"""The customers migration builds exactly the table its model describes, on both databases."""

from __future__ import annotations

from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from modules.customers.models import Base


def _foreign(diff: Any) -> bool:
    """The foreign key to vendors lives in the migration only (customers never imports tenancy)."""
    return diff[0] == "remove_fk" and diff[1].referred_table.name not in Base.metadata.tables


def test_models_match_the_migration(migrated_database: str) -> None:
    engine = create_engine(migrated_database)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection,
                opts={
                    "compare_type": True,
                    "include_name": lambda name, kind, _: kind != "table" or name in Base.metadata.tables,
                },
            )
            diffs = [d for d in compare_metadata(context, Base.metadata) if not _foreign(d)]
        inspector = inspect(engine)
        unique = inspector.get_unique_constraints("customers")
        indexes = [index["column_names"] for index in inspector.get_indexes("customers")]
        foreign = inspector.get_foreign_keys("customers")
    finally:
        engine.dispose()
    assert diffs == []
    assert [(u["name"], u["column_names"]) for u in unique] == [
        ("uq_customers_vendor_email", ["vendor_id", "email"])
    ]
    assert ["vendor_id", "created_at"] in indexes
    assert [(f["constrained_columns"], f["referred_table"]) for f in foreign] == [(["vendor_id"], "vendors")]
