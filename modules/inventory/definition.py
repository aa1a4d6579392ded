"""Inventory declares itself: optional, built on catalog's products (and so on tenancy's vendors)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from kernel.module import ModuleDefinition
from kernel.seeding import SeedContext


def _container() -> type[Any]:
    from modules.inventory.container import InventoryContainer  # noqa: PLC0415 - loaded only when enabled

    return InventoryContainer


def _routes(services: Any) -> Sequence[Any]:
    from modules.inventory.routes import build_routes  # noqa: PLC0415

    return build_routes(services)


def _seeder() -> Callable[[SeedContext], None]:
    from modules.inventory.seed import seed_inventory  # noqa: PLC0415

    return seed_inventory


definition = ModuleDefinition(
    code="inventory",
    name="Inventory",
    description="Stock of each product per location; units, low and out-of-stock products, stock value.",
    requires=("catalog",),
    metrics_category="inventory",
    container=_container,
    routes=_routes,
    migrations=Path(__file__).with_name("migrations"),
    seeder=_seeder,
)
