"""Customers declares itself: optional, and needs tenancy for its vendors."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from kernel.module import ModuleDefinition
from kernel.seeding import SeedContext


def _container() -> type[Any]:
    from modules.customers.container import CustomersContainer  # noqa: PLC0415 - loaded only when enabled

    return CustomersContainer


def _routes(services: Any) -> Sequence[Any]:
    from modules.customers.routes import build_routes  # noqa: PLC0415

    return build_routes(services)


def _seeder() -> Callable[[SeedContext], None]:
    from modules.customers.seed import seed_customers  # noqa: PLC0415

    return seed_customers


definition = ModuleDefinition(
    code="customers",
    name="Customers",
    description="A vendor's customers, one per email; customer counts and new customers per period.",
    requires=("tenancy",),
    metrics_category="customers",
    container=_container,
    routes=_routes,
    migrations=Path(__file__).with_name("migrations"),
    seeder=_seeder,
)
