"""Tenancy declares itself: the core module every other module builds on."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from kernel.module import ModuleDefinition
from kernel.seeding import SeedContext


def _container() -> type[Any]:
    from modules.tenancy.container import TenancyContainer  # noqa: PLC0415 - loaded only when enabled

    return TenancyContainer


def _routes(services: Any) -> Sequence[Any]:
    from modules.tenancy.routes import build_routes  # noqa: PLC0415

    return build_routes(services)


def _seeder() -> Callable[[SeedContext], None]:
    from modules.tenancy.seed import seed_tenancy  # noqa: PLC0415

    return seed_tenancy


definition = ModuleDefinition(
    code="tenancy",
    name="Tenancy",
    description="Platforms, vendors on one or several platforms, users, teams and custom domains.",
    is_core=True,
    metrics_category="tenancy",
    container=_container,
    provides=("vendor_directory", "tenant_directory", "module_switches"),
    routes=_routes,
    migrations=Path(__file__).with_name("migrations"),
    seeder=_seeder,
)
