"""Deterministic demo customers: one for every five orders asked for, spread over the seeded period
and weighted towards recent days and the first vendors, so "new customers" shows a trend and a long
tail. Written in parts with COPY (see `contracts.seeding`)."""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

from contracts.seeding import SeedContext, SeedPart
from modules.customers.models import Customer

__all__ = ("seed_customers",)

_FIRST_NAMES = ("Ada", "Bo", "Chen", "Dara", "Eli", "Femi", "Gus", "Hana", "Ivo", "Jun")
_LAST_NAMES = ("Adams", "Berg", "Costa", "Dubois", "Evans", "Fischer", "Garcia", "Haddad")
_PER_PART = 100_000


def _rows(context: SeedContext, part: SeedPart, cumulative: list[float]) -> Iterator[dict[str, Any]]:
    rng, now, days = part.rng, context.now, context.size.days
    vendor_ids = [vendor.id for vendor in context.vendors]
    vendors = rng.choices(vendor_ids, cum_weights=cumulative, k=part.stop - part.start)
    for number, vendor_id in enumerate(vendors, start=part.start + 1):
        named = rng.random() < 0.8
        yield {
            "vendor_id": vendor_id,
            "email": f"customer{number}@example.com",  # unique in the run, so unique per vendor
            "name": f"{rng.choice(_FIRST_NAMES)} {rng.choice(_LAST_NAMES)}" if named else None,
            "created_at": now - timedelta(days=days * (1.0 - math.sqrt(rng.random()))),  # recent-heavy
        }


def seed_customers(context: SeedContext) -> None:
    if not context.vendors:
        return
    total = max(10, context.size.orders // 5)
    cumulative = context.vendor_weights()
    for part in context.parts("customers", total=total, per_part=_PER_PART):
        part.bulk(Customer, _rows(context, part, cumulative))
    context.counts["customers"] = total
