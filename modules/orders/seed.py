"""Deterministic demo orders, spread over the seeded period and weighted towards recent days and a
few busy vendors, so dashboards show real trends and a long tail."""

from __future__ import annotations

import math
from datetime import timedelta

from sqlalchemy import insert

from kernel.seeding import SeedContext
from modules.orders.models import Order

__all__ = ("seed_orders",)

_STATUSES = ("pending", "paid", "shipped", "delivered", "cancelled", "refunded")
_STATUS_WEIGHTS = (8, 55, 7, 25, 3, 2)
_BATCH = 5000


def seed_orders(context: SeedContext) -> None:
    rng, now, size = context.rng, context.now, context.size
    if not context.vendors:
        return
    vendor_ids = [vendor.id for vendor in context.vendors]
    weights = [1.0 / (rank + 1) ** 0.8 for rank in range(len(vendor_ids))]
    customers = max(10, size.orders // 4)
    batch: list[dict[str, object]] = []
    for _ in range(size.orders):
        age_days = size.days * (1.0 - math.sqrt(rng.random()))  # more orders in recent days
        batch.append(
            {
                "vendor_id": rng.choices(vendor_ids, weights)[0],
                "customer_email": f"customer{rng.randrange(customers)}@example.com",
                "status": rng.choices(_STATUSES, _STATUS_WEIGHTS)[0],
                "total_cents": max(100, int(rng.lognormvariate(8.5, 0.8))),
                "currency": "EUR",
                "created_at": now - timedelta(days=age_days),
            }
        )
        if len(batch) == _BATCH:
            context.connection.execute(insert(Order), batch)
            batch.clear()
    if batch:
        context.connection.execute(insert(Order), batch)
    context.counts["orders"] = size.orders
