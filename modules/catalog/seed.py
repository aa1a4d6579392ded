"""Deterministic demo products: a catalogue per vendor added over the seeded period, some taken off
sale, a few featured. They are recorded in `context.products` for inventory and marketplace."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import insert

from kernel.seeding import SeedContext, SeededProduct
from modules.catalog.models import Product

__all__ = ("seed_catalog",)

_ADJECTIVES = ("Classic", "Compact", "Everyday", "Heritage", "Light", "Modern", "Rugged", "Soft", "Urban")
_NOUNS = ("Backpack", "Bottle", "Candle", "Jacket", "Lamp", "Mug", "Notebook", "Scarf", "Tent", "Wallet")


def _products_per_vendor(context: SeedContext) -> int:
    """About twenty products per vendor at the default size, growing with the orders asked for."""
    return max(5, context.size.orders // (max(1, context.size.vendors) * 20))


def _rows(context: SeedContext) -> list[dict[str, Any]]:
    rng, now, typical = context.rng, context.now, _products_per_vendor(context)
    rows: list[dict[str, Any]] = []
    for vendor in context.vendors:
        for number in range(1, rng.randint(typical // 2, typical * 3 // 2) + 1):
            rows.append(
                {
                    "vendor_id": vendor.id,
                    "sku": f"{vendor.slug[:20].upper()}-{number:05d}",
                    "title": f"{rng.choice(_ADJECTIVES)} {rng.choice(_NOUNS)} {number}",
                    "price_cents": max(99, int(rng.lognormvariate(7.5, 0.9))),
                    "is_active": rng.random() > 0.1,
                    "is_featured": rng.random() < 0.1,
                    "created_at": now - timedelta(days=rng.uniform(0, context.size.days)),
                }
            )
    return rows


def seed_catalog(context: SeedContext) -> None:
    rows = _rows(context)
    if rows:
        statement = insert(Product).returning(Product.id, sort_by_parameter_order=True)
        ids = list(context.connection.scalars(statement, rows))
        context.products.extend(
            SeededProduct(product_id, row["vendor_id"], row["price_cents"])
            for product_id, row in zip(ids, rows, strict=True)
        )
    context.counts["products"] = len(rows)
