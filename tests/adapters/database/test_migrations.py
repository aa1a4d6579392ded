"""Every module's migrations build exactly the tables its models describe (check constraints
included, which Alembic does not compare), on both databases."""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import CheckConstraint, MetaData, create_engine, inspect

from adapters.bootstrap import bootstrap
from adapters.database.migrations import migration_states, upgrade
from adapters.module_discovery import discover_modules
from adapters.settings_file import settings_from_mapping
from kernel.settings import Settings

BUILT_IN = sorted(discover_modules(Settings()))


def _metadata(code: str) -> MetaData:
    models = importlib.import_module(f"modules.{code}.models")
    return models.Base.metadata  # type: ignore[no-any-return]


def _foreign_to(metadata: MetaData, diff: Any) -> bool:
    """A module's foreign keys into another module's tables live in its migration only."""
    if diff[0] != "remove_fk":
        return False
    return diff[1].referred_table.name not in metadata.tables


@pytest.mark.parametrize("code", BUILT_IN)
def test_models_match_migrations(migrated_database: str, code: str) -> None:
    metadata = _metadata(code)
    engine = create_engine(migrated_database)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection,
                opts={
                    "compare_type": True,
                    "include_name": lambda name, kind, _: kind != "table" or name in metadata.tables,
                },
            )
            diffs = [d for d in compare_metadata(context, metadata) if not _foreign_to(metadata, d)]
            checks = {
                table: sorted(str(c["name"]) for c in inspect(connection).get_check_constraints(table))
                for table in metadata.tables
            }
    finally:
        engine.dispose()
    assert diffs == []
    # Alembic does not compare check constraints; compare their names (PostgreSQL rewrites their SQL).
    for name, table in metadata.tables.items():
        declared = sorted(str(c.name) for c in table.constraints if isinstance(c, CheckConstraint))
        assert checks[name] == declared, name


def test_every_metric_filter_column_is_indexed(migrated_database: str) -> None:
    """By an index, or by a unique key that leads with the column (SQLite lists those apart)."""
    engine = create_engine(migrated_database)
    try:
        inspector = inspect(engine)
        indexed = {
            table: [tuple(index["column_names"]) for index in inspector.get_indexes(table)]
            + [tuple(unique["column_names"]) for unique in inspector.get_unique_constraints(table)]
            for table in ("orders", "vendor_platforms", "vendors", "users", "team_members", "vendor_domains")
        }
    finally:
        engine.dispose()
    assert ("vendor_id", "created_at") in indexed["orders"]
    assert ("platform_id", "is_active", "vendor_id") in indexed["vendor_platforms"]
    assert ("created_at",) in indexed["vendors"]
    assert {("platform_id",), ("vendor_id",)} <= set(indexed["users"])
    assert ("vendor_id", "user_id") in indexed["team_members"]  # its prefix serves the vendor's team
    assert ("vendor_id",) in indexed["vendor_domains"]


def test_upgrade_is_idempotent_and_each_module_keeps_its_own_history(migrated_database: str) -> None:
    container = bootstrap(
        settings_from_mapping({"database": {"url": migrated_database}}, require_secret=False)
    )
    try:
        engine, modules = container.engine(), container.enabled_modules()
        again = upgrade(engine, modules)
        states = [(s.code, s.current, s.head, s.is_current) for s in again]
        assert states[0] == ("tenancy", "tenancy_0008", "tenancy_0008", True)
        assert ("orders", "orders_0012", "orders_0012", True) in states
        assert [code for code, *_ in states] == [module.code for module in modules]
        assert all(state.is_current for state in migration_states(engine, modules))
        tables = set(inspect(engine).get_table_names())
        assert {f"alembic_version_{module.code}" for module in modules} <= tables
    finally:
        container.shutdown_resources()
