"""Deterministic demo stock for most seeded products (from `context.products`, filled by catalog's
seeder): one or two locations each, about one product in eight sold out and one in six running low,
so the dashboards' warnings have something to show."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert

from kernel.seeding import SeedContext
from modules.inventory.models import DEFAULT_LOCATION, StockLevel

__all__ = ("seed_inventory",)

_SECOND_LOCATION = "warehouse-2"


def _quantities(context: SeedContext, threshold: int, locations: int) -> list[int]:
    """Units per location: sold out everywhere, at or under the thresholds in total, or plenty."""
    draw = context.rng.random()
    if draw < 0.12:
        return [0] * locations
    if draw < 0.28:
        total = context.rng.randint(1, threshold * locations)
        return [total] if locations == 1 else [total // 2, total - total // 2]
    return [context.rng.randint(threshold + 1, threshold * 20) for _ in range(locations)]


def seed_inventory(context: SeedContext) -> None:
    rng = context.rng
    rows: list[dict[str, Any]] = []
    for product in context.products:
        if rng.random() < 0.15:
            continue  # not every product is stocked
        locations = (DEFAULT_LOCATION, _SECOND_LOCATION) if rng.random() < 0.3 else (DEFAULT_LOCATION,)
        threshold = rng.randint(2, 10)  # per location
        for location, quantity in zip(
            locations, _quantities(context, threshold, len(locations)), strict=True
        ):
            rows.append(
                {
                    "vendor_id": product.vendor_id,
                    "product_id": product.id,
                    "location": location,
                    "quantity": quantity,
                    "reorder_threshold": threshold,
                    "updated_at": context.now,
                }
            )
    if rows:
        context.connection.execute(insert(StockLevel), rows)
    context.counts["stock_levels"] = len(rows)
