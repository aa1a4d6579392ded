"""Customers declares itself: optional, and needs tenancy for its vendors. It contributes its
customer book to the list orders collects, so that every order's email is one of its customers."""

from __future__ import annotations

from pathlib import Path

from kernel.module import ModuleDefinition, imported

definition = ModuleDefinition(
    code="customers",
    name="Customers",
    description="A vendor's customers, one per email; customer counts and new customers per period.",
    requires=("tenancy",),
    metrics_category="customers",
    container=imported("modules.customers.container:CustomersContainer"),
    contributes=("ledger_sources", "ledger_metrics", "customer_books"),
    routes=imported("modules.customers.routes:build_routes"),
    migrations=Path(__file__).with_name("migrations"),
    seeder=imported("modules.customers.seed:seed_customers"),
)
