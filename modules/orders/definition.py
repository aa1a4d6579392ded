"""Orders declares itself: optional, and needs tenancy for its vendors."""

from __future__ import annotations

from pathlib import Path

from kernel.module import ModuleDefinition, imported

definition = ModuleDefinition(
    code="orders",
    name="Orders",
    description="Orders placed with vendors; order counts, revenue and average order value.",
    requires=("tenancy",),
    metrics_category="orders",
    container=imported("modules.orders.container:OrdersContainer"),
    # catalog's, when it is on: lines may name its products; inventory's, so stock follows sales;
    # customers', when it is on: every order's email is one of the vendor's customers
    collects=("product_catalogs", "stock_levels", "customer_books"),
    contributes=("ledger_sources", "ledger_metrics"),
    routes=imported("modules.orders.routes:build_routes"),
    migrations=Path(__file__).with_name("migrations"),
    seeder=imported("modules.orders.seed:seed_orders"),
)
