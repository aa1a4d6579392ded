"""Inventory declares itself: optional, built on catalog's products (and so on tenancy's vendors)."""

from __future__ import annotations

from pathlib import Path

from kernel.module import ModuleDefinition, imported

definition = ModuleDefinition(
    code="inventory",
    name="Inventory",
    description="Stock of each product per location; units, low and out-of-stock products, stock value.",
    requires=("catalog",),
    metrics_category="inventory",
    container=imported("modules.inventory.container:InventoryContainer"),
    contributes=("ledger_sources", "ledger_metrics", "price_listeners", "stock_levels"),
    routes=imported("modules.inventory.routes:build_routes"),
    migrations=Path(__file__).with_name("migrations"),
    seeder=imported("modules.inventory.seed:seed_inventory"),
)
