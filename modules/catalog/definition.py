"""Catalog declares itself: optional, needs tenancy for its vendors, and provides the product
contracts inventory and marketplace build on."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from kernel.module import ModuleDefinition
from kernel.seeding import SeedContext


def _container() -> type[Any]:
    from modules.catalog.container import CatalogContainer  # noqa: PLC0415 - loaded only when enabled

    return CatalogContainer


def _routes(services: Any) -> Sequence[Any]:
    from modules.catalog.routes import build_routes  # noqa: PLC0415

    return build_routes(services)


def _seeder() -> Callable[[SeedContext], None]:
    from modules.catalog.seed import seed_catalog  # noqa: PLC0415

    return seed_catalog


definition = ModuleDefinition(
    code="catalog",
    name="Catalog",
    description="Vendors' products with sku, title and price; product counts and new products.",
    requires=("tenancy",),
    metrics_category="catalog",
    container=_container,
    provides=("product_catalog", "product_publisher"),
    routes=_routes,
    migrations=Path(__file__).with_name("migrations"),
    seeder=_seeder,
)
