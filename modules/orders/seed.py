"""Deterministic demo orders, spread over the seeded period and weighted towards recent days and a
few busy vendors, so dashboards show real trends and a long tail."""

from __future__ import annotations

import math
from datetime import timedelta

from sqlalchemy import insert

from kernel.seeding import SeedContext
from modules.orders.models import STATUSES, Order

__all__ = ("seed_orders",)

_WEIGHT = {"pending": 8, "paid": 55, "shipped": 7, "delivered": 25, "cancelled": 3, "refunded": 2}
_STATUS_WEIGHTS = [_WEIGHT[status] for status in STATUSES]
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
                "status": rng.choices(STATUSES, _STATUS_WEIGHTS)[0],
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
