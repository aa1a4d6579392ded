"""Catalog declares itself: optional, needs tenancy for its vendors, provides the product contracts
inventory and marketplace build on, and gathers the price listeners of the modules whose figures
follow prices."""

from __future__ import annotations

from pathlib import Path

from kernel.module import ModuleDefinition, imported

definition = ModuleDefinition(
    code="catalog",
    name="Catalog",
    description="Vendors' products with sku, title and price; product counts and new products.",
    requires=("tenancy",),
    metrics_category="catalog",
    container=imported("modules.catalog.container:CatalogContainer"),
    provides=("product_catalog", "product_publisher"),
    collects=("price_listeners",),
    contributes=("ledger_sources", "ledger_metrics", "product_catalogs"),
    routes=imported("modules.catalog.routes:build_routes"),
    migrations=Path(__file__).with_name("migrations"),
    seeder=imported("modules.catalog.seed:seed_catalog"),
)
