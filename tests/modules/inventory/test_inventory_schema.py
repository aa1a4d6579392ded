"""Inventory's migration builds exactly the table its model describes, on both databases."""

from __future__ import annotations

from modules.inventory.models import Base
from tests.modules.catalog.drift import assert_models_match_migrations


def test_stock_levels_model_matches_its_migration(migrated_database: str) -> None:
    assert_models_match_migrations(migrated_database, Base.metadata)
