"""Deterministic demo orders, spread over the seeded period and weighted towards recent days and a
few busy vendors, so dashboards show real trends and a long tail.

Written in parts of 100,000 rows with COPY (see `contracts.seeding`): `large` (2 million orders)
loads into PostgreSQL in well under a minute."""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import timedelta
from itertools import accumulate
from typing import Any

from sqlalchemy import String, cast, insert, literal, select, update

from contracts.seeding import SeedContext, SeedPart
from modules.orders.lifecycle import STAMPS, stamps_on_arrival
from modules.orders.models import STATUSES, Order, OrderLine, OrderRefund

__all__ = ("seed_orders",)

_WEIGHT = {"pending": 8, "paid": 55, "shipped": 7, "delivered": 25, "cancelled": 3, "refunded": 2}
_STATUS_CUMULATIVE = list(accumulate(_WEIGHT[status] for status in STATUSES))
_PER_PART = 100_000
_UNSTAMPED = dict.fromkeys(STAMPS.values())
_REFUNDS_OF_REFUNDED = insert(OrderRefund).from_select(
    ["order_id", "vendor_id", "amount_cents", "created_at"],
    select(Order.id, Order.vendor_id, Order.total_cents, Order.refunded_at).where(
        Order.status == "refunded", Order.total_cents > 0
    ),
)
"""A refunded order was refunded in full, when it was stamped refunded: one refund each, in one step."""
_LINED = Order.id % 3 == 0
_ITEM = cast(Order.id % 40, String)
_LINES = insert(OrderLine).from_select(
    ["order_id", "vendor_id", "sku", "title", "quantity", "unit_price_cents"],
    select(
        Order.id,
        Order.vendor_id,
        literal("SEED-", String) + _ITEM,
        literal("Demo item ", String) + _ITEM,
        literal(1),
        Order.total_cents,
    ).where(_LINED),
)
"""A third of the orders list what they sold (one line, its price the order's total), so units sold
and the order pages have something to show; in one step, as the ids are known only once written."""


def _customer_pools(context: SeedContext, cumulative: list[float]) -> list[int]:
    """How many customer emails each vendor's orders come from: about one per three orders it is
    expected to get, so most customers order a few times from the same shop, as in real shops."""
    total, orders = cumulative[-1], context.size.orders
    weights = [after - before for before, after in zip([0.0, *cumulative], cumulative, strict=False)]
    return [max(5, int(orders * weight / total) // 3) for weight in weights]


def _rows(context: SeedContext, part: SeedPart, cumulative: list[float]) -> Iterator[dict[str, Any]]:
    rng, now, days, size = part.rng, context.now, context.size.days, part.stop - part.start
    ranks = rng.choices(range(len(context.vendors)), cum_weights=cumulative, k=size)
    statuses = rng.choices(STATUSES, cum_weights=_STATUS_CUMULATIVE, k=size)
    pools = _customer_pools(context, cumulative)
    for rank, status in zip(ranks, statuses, strict=True):
        vendor_id = context.vendors[rank].id
        email = f"customer{rng.randrange(pools[rank])}@example.com"
        total_cents = max(100, int(rng.lognormvariate(8.5, 0.8)))
        created_at = now - timedelta(days=days * (1.0 - math.sqrt(rng.random())))  # recent-heavy
        yield {
            "vendor_id": vendor_id,
            "customer_email": email,
            "status": status,
            "total_cents": total_cents,
            "currency": "EUR",
            "refunded_cents": total_cents if status == "refunded" else 0,
            "created_at": created_at,
            **_UNSTAMPED,  # every row has every column (COPY takes one column list)
            **stamps_on_arrival(status, created_at),
        }


def seed_orders(context: SeedContext) -> None:
    if not context.vendors:
        return
    cumulative = context.vendor_weights()
    for part in context.parts("orders", total=context.size.orders, per_part=_PER_PART):
        part.bulk(Order, _rows(context, part, cumulative))
    for part in context.parts("order_refunds", total=1, per_part=1):
        part.connection.execute(_REFUNDS_OF_REFUNDED)
    for part in context.parts("order_lines", total=1, per_part=1):
        part.connection.execute(_LINES)
        part.connection.execute(update(Order).where(_LINED).values(units=1))
    context.counts["orders"] = context.size.orders
