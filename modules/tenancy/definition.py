"""Tenancy declares itself: the core module every other module builds on."""

from __future__ import annotations

from pathlib import Path

from kernel.module import ModuleDefinition, imported

definition = ModuleDefinition(
    code="tenancy",
    name="Tenancy",
    description="Platforms, vendors on one or several platforms, users, teams and custom domains.",
    is_core=True,
    metrics_category="tenancy",
    container=imported("modules.tenancy.container:TenancyContainer"),
    provides=("tenant_directory", "module_switches", "ledger", "ledger_batch", "ledger_census"),
    collects=("ledger_sources", "ledger_metrics"),
    contributes=("ledger_sources", "ledger_metrics"),
    routes=imported("modules.tenancy.routes:build_routes"),
    migrations=Path(__file__).with_name("migrations"),
    seeder=imported("modules.tenancy.seed:seed_tenancy"),
)
