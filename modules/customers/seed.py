"""Deterministic demo customers: a few per order's worth, spread over the seeded period and weighted
towards recent days and the first vendors, so "new customers" shows a trend and a long tail."""

from __future__ import annotations

import math
from collections import Counter
from datetime import timedelta

from sqlalchemy import insert

from kernel.seeding import SeedContext
from modules.customers.models import Customer

__all__ = ("seed_customers",)

_FIRST_NAMES = ("Ada", "Bo", "Chen", "Dara", "Eli", "Femi", "Gus", "Hana", "Ivo", "Jun")
_LAST_NAMES = ("Adams", "Berg", "Costa", "Dubois", "Evans", "Fischer", "Garcia", "Haddad")


def seed_customers(context: SeedContext) -> None:
    rng, now, size = context.rng, context.now, context.size
    if not context.vendors:
        return
    vendor_ids = [vendor.id for vendor in context.vendors]
    weights = [1.0 / (rank + 1) ** 0.8 for rank in range(len(vendor_ids))]
    numbered: Counter[int] = Counter()  # per vendor, so each email is unique within its vendor
    rows: list[dict[str, object]] = []
    for _ in range(max(10, size.orders // 5)):
        vendor_id = rng.choices(vendor_ids, weights)[0]
        numbered[vendor_id] += 1
        age_days = size.days * (1.0 - math.sqrt(rng.random()))  # more customers in recent days
        named = rng.random() < 0.8
        rows.append(
            {
                "vendor_id": vendor_id,
                "email": f"customer{numbered[vendor_id]}@example.com",
                "name": f"{rng.choice(_FIRST_NAMES)} {rng.choice(_LAST_NAMES)}" if named else None,
                "created_at": now - timedelta(days=age_days),
            }
        )
    context.connection.execute(insert(Customer), rows)
    context.counts["customers"] = len(rows)
