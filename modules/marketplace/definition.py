"""Marketplace declares itself: optional, and needs catalog, which it publishes approved rows into."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from kernel.module import ModuleDefinition
from kernel.seeding import SeedContext


def _container() -> type[Any]:
    from modules.marketplace.container import MarketplaceContainer  # noqa: PLC0415 - loaded only when enabled

    return MarketplaceContainer


def _routes(services: Any) -> Sequence[Any]:
    from modules.marketplace.routes import build_routes  # noqa: PLC0415

    return build_routes(services)


def _seeder() -> Callable[[SeedContext], None]:
    from modules.marketplace.seed import seed_marketplace  # noqa: PLC0415

    return seed_marketplace


definition = ModuleDefinition(
    code="marketplace",
    name="Marketplace",
    description="CSV product imports: staged, checked row by row, and approved into the catalog.",
    requires=("catalog",),
    metrics_category="marketplace",
    container=_container,
    routes=_routes,
    migrations=Path(__file__).with_name("migrations"),
    seeder=_seeder,
)
