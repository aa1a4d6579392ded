"""What a module's seeder receives to add its share of deterministic demo data.

Tenancy seeds first (modules start in dependency order) and records the vendors it made; every
other module reads them from here, so no seeder imports another module.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Connection

__all__ = ("SeedContext", "SeedSize", "SeededProduct", "SeededVendor")


@dataclass(frozen=True, slots=True)
class SeedSize:
    platforms: int = 3
    vendors: int = 12
    orders: int = 5000
    days: int = 365


@dataclass(frozen=True, slots=True)
class SeededVendor:
    id: int
    slug: str
    platform_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class SeededProduct:
    id: int
    vendor_id: int
    price_cents: int


@dataclass
class SeedContext:
    """Shared by the seeders of one run; `rng` makes the same seed give the same data."""

    connection: Connection
    rng: random.Random
    now: datetime
    size: SeedSize
    platform_ids: list[int] = field(default_factory=list)
    vendors: list[SeededVendor] = field(default_factory=list)
    products: list[SeededProduct] = field(default_factory=list)
    """Filled by catalog's seeder for the modules that build on it (inventory, marketplace)."""
    counts: dict[str, int] = field(default_factory=dict)
