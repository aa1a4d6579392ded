"""CMS declares itself: optional, and needs tenancy for its vendors and platforms."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from kernel.module import ModuleDefinition
from kernel.seeding import SeedContext


def _container() -> type[Any]:
    from modules.cms.container import CmsContainer  # noqa: PLC0415 - loaded only when enabled

    return CmsContainer


def _routes(services: Any) -> Sequence[Any]:
    from modules.cms.routes import build_routes  # noqa: PLC0415

    return build_routes(services)


def _seeder() -> Callable[[SeedContext], None]:
    from modules.cms.seed import seed_cms  # noqa: PLC0415

    return seed_cms


definition = ModuleDefinition(
    code="cms",
    name="CMS",
    description="Content pages of vendors and platforms, media files and themes; page and media figures.",
    requires=("tenancy",),
    metrics_category="cms",
    container=_container,
    routes=_routes,
    migrations=Path(__file__).with_name("migrations"),
    seeder=_seeder,
)
