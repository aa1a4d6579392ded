"""Orders declares itself: optional, and needs tenancy for its vendors."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from kernel.module import ModuleDefinition
from kernel.seeding import SeedContext


def _container() -> type[Any]:
    from modules.orders.container import OrdersContainer  # noqa: PLC0415 - loaded only when enabled

    return OrdersContainer


def _routes(services: Any) -> Sequence[Any]:
    from modules.orders.routes import build_routes  # noqa: PLC0415

    return build_routes(services)


def _seeder() -> Callable[[SeedContext], None]:
    from modules.orders.seed import seed_orders  # noqa: PLC0415

    return seed_orders


definition = ModuleDefinition(
    code="orders",
    name="Orders",
    description="Orders placed with vendors; order counts, revenue and average order value.",
    requires=("tenancy",),
    metrics_category="orders",
    container=_container,
    routes=_routes,
    migrations=Path(__file__).with_name("migrations"),
    seeder=_seeder,
)
