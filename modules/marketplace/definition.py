"""Marketplace declares itself: optional, and needs catalog, which it publishes approved rows into.
It collects `stock_levels` (inventory contributes one when enabled) to set the quantities of
approved rows; without inventory the list is empty and approvals say the quantities were not applied."""

from __future__ import annotations

from pathlib import Path

from kernel.module import ModuleDefinition, imported

definition = ModuleDefinition(
    code="marketplace",
    name="Marketplace",
    description="CSV product imports: staged, checked row by row, and approved into the catalog.",
    requires=("catalog",),
    metrics_category="marketplace",
    container=imported("modules.marketplace.container:MarketplaceContainer"),
    collects=("stock_levels",),
    contributes=("ledger_sources", "ledger_metrics"),
    routes=imported("modules.marketplace.routes:build_routes"),
    migrations=Path(__file__).with_name("migrations"),
    seeder=imported("modules.marketplace.seed:seed_marketplace"),
)
