"""CMS declares itself: optional, and needs tenancy for its vendors and platforms."""

from __future__ import annotations

from pathlib import Path

from kernel.module import ModuleDefinition, imported

definition = ModuleDefinition(
    code="cms",
    name="CMS",
    description="Content pages of vendors and platforms, media files and themes; page and media figures.",
    requires=("tenancy",),
    metrics_category="cms",
    container=imported("modules.cms.container:CmsContainer"),
    contributes=("ledger_sources", "ledger_metrics"),
    routes=imported("modules.cms.routes:build_routes"),
    migrations=Path(__file__).with_name("migrations"),
    seeder=imported("modules.cms.seed:seed_cms"),
)
