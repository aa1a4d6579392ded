"""Deterministic demo stock for most seeded products (from `context.products`, filled by catalog's
seeder): one or two locations each, about one product in eight sold out and one in six running low,
so the dashboards' warnings have something to show. Written in parts of products with COPY."""

from __future__ import annotations

from collections.abc import Iterator
from random import Random
from typing import Any

from sqlalchemy import func, select

from contracts.seeding import SeedContext, SeedPart
from modules.inventory.models import DEFAULT_LOCATION, StockLevel

__all__ = ("seed_inventory",)

_SECOND_LOCATION = "warehouse-2"
_PRODUCTS_PER_PART = 100_000


def _quantities(rng: Random, threshold: int, locations: int) -> list[int]:
    """Units per location: sold out everywhere, at or under the thresholds in total, or plenty."""
    draw = rng.random()
    if draw < 0.12:
        return [0] * locations
    if draw < 0.28:
        total = rng.randint(1, threshold * locations)
        return [total] if locations == 1 else [total // 2, total - total // 2]
    return [rng.randint(threshold + 1, threshold * 20) for _ in range(locations)]


def _rows(context: SeedContext, part: SeedPart) -> Iterator[dict[str, Any]]:
    rng = part.rng
    for product in context.products[part.start : part.stop]:
        if rng.random() < 0.15:
            continue  # not every product is stocked
        locations = (DEFAULT_LOCATION, _SECOND_LOCATION) if rng.random() < 0.3 else (DEFAULT_LOCATION,)
        threshold = rng.randint(2, 10)  # per location
        for location, quantity in zip(locations, _quantities(rng, threshold, len(locations)), strict=True):
            yield {
                "vendor_id": product.vendor_id,
                "product_id": product.id,
                "location": location,
                "quantity": quantity,
                "reorder_threshold": threshold,
                "updated_at": context.now,
            }


def seed_inventory(context: SeedContext) -> None:
    for part in context.parts("inventory", total=len(context.products), per_part=_PRODUCTS_PER_PART):
        part.bulk(StockLevel, _rows(context, part))
    stored = context.read(select(func.count()).select_from(StockLevel))[0][0]
    context.counts["stock_levels"] = stored
