"""The customers table keeps its rules in the database: one email per vendor, indexed for the
dashboards, and its foreign key to vendors (which lives in the migration only). The model and the
migration are compared by `tests/adapters/database/test_migrations.py`."""

from __future__ import annotations

from sqlalchemy import create_engine, inspect


def test_the_table_keeps_its_rules(migrated_database: str) -> None:
    engine = create_engine(migrated_database)
    try:
        inspector = inspect(engine)
        unique = inspector.get_unique_constraints("customers")
        indexes = [index["column_names"] for index in inspector.get_indexes("customers")]
        foreign = inspector.get_foreign_keys("customers")
    finally:
        engine.dispose()
    assert [(u["name"], u["column_names"]) for u in unique] == [
        ("uq_customers_vendor_email", ["vendor_id", "email"])
    ]
    assert ["vendor_id", "created_at"] in indexes
    assert [(f["constrained_columns"], f["referred_table"]) for f in foreign] == [(["vendor_id"], "vendors")]
