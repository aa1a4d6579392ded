"""Deterministic demo products: a catalogue per vendor added over the seeded period, some taken off
sale, a few featured. About one product for every twenty orders asked for (at least five per
vendor), written in parts of vendors with COPY, then read back into `context.products` for
inventory and marketplace."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

from sqlalchemy import select

from contracts.seeding import SeedContext, SeededProduct, SeedPart
from modules.catalog.models import Product

__all__ = ("seed_catalog",)

_ADJECTIVES = ("Classic", "Compact", "Everyday", "Heritage", "Light", "Modern", "Rugged", "Soft", "Urban")
_NOUNS = ("Backpack", "Bottle", "Candle", "Jacket", "Lamp", "Mug", "Notebook", "Scarf", "Tent", "Wallet")
_VENDORS_PER_PART = 200


def _products_per_vendor(context: SeedContext) -> int:
    return max(5, context.size.orders // (max(1, context.size.vendors) * 20))


def _rows(context: SeedContext, part: SeedPart) -> Iterator[dict[str, Any]]:
    rng, now, typical = part.rng, context.now, _products_per_vendor(context)
    for vendor in context.vendors[part.start : part.stop]:
        for number in range(1, rng.randint(typical // 2, typical * 3 // 2) + 1):
            yield {
                "vendor_id": vendor.id,
                "sku": f"{vendor.slug[:20].upper()}-{number:05d}",
                "title": f"{rng.choice(_ADJECTIVES)} {rng.choice(_NOUNS)} {number}",
                "price_cents": max(99, int(rng.lognormvariate(7.5, 0.9))),
                "is_active": rng.random() > 0.1,
                "is_featured": rng.random() < 0.1,
                "created_at": now - timedelta(days=rng.uniform(0, context.size.days)),
            }


def seed_catalog(context: SeedContext) -> None:
    for part in context.parts("catalog", total=len(context.vendors), per_part=_VENDORS_PER_PART):
        part.bulk(Product, _rows(context, part))
    rows = context.read(select(Product.id, Product.vendor_id, Product.price_cents).order_by(Product.id))
    context.products = [SeededProduct(row.id, row.vendor_id, row.price_cents) for row in rows]
    context.counts["products"] = len(rows)
