"""The README's walk-through of one order's life, step by step through the real API on both
databases, with the dashboard figures it says move: placed, paid, shipped, refunded in part."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from tests.api import Api, figures
from tests.fakes.clock import FrozenClock

ORDERS = "/api/v1/vendor/orders"
VENDOR = "/api/v1/vendor/dashboard/stats"
WATCHED = (
    "orders.pending",
    "orders.awaiting_shipment",
    "orders.period_revenue",
    "orders.period_net_revenue",
    "orders.period_refunds",
    "orders.period_refunded",
)


@pytest.fixture
def owner(api: Api, clock: FrozenClock) -> dict[str, str]:
    clock.set(datetime(2026, 6, 15, 9, 0, tzinfo=UTC))
    owner: dict[str, str] = api.three_vendors()["acme_owner"]
    return owner


def _watched(api: Api, owner: dict[str, str]) -> tuple[int, ...]:
    shown = figures(api.stats(VENDOR, owner), "orders")
    return tuple(shown[key] for key in WATCHED)


def test_one_orders_life_moves_the_dashboard(api: Api, owner: dict[str, str], clock: FrozenClock) -> None:
    body = {"customer_email": "ben@example.com", "total_cents": 2500}
    order: dict[str, Any] = api.post(ORDERS, owner, **body)
    assert (order["status"], order["currency"]) == ("pending", "EUR")
    assert _watched(api, owner) == (1, 0, 2500, 2500, 0, 0)  # pending orders bring revenue
    for status, stamp in (("paid", "paid_at"), ("shipped", "shipped_at")):
        clock.set(clock.now().replace(hour=clock.now().hour + 1))
        moved = api.client.patch(f"{ORDERS}/{order['id']}", json={"status": status}, headers=owner)
        assert (moved.status_code, moved.json()["status"]) == (200, status)
        assert moved.json()[stamp] == clock.now().isoformat().replace("+00:00", "Z")
    assert _watched(api, owner) == (0, 0, 2500, 2500, 0, 0)  # paid, then shipped: out of both backlogs
    refund = {"amount_cents": 1000, "reason": "one item arrived broken"}
    given = api.client.post(f"{ORDERS}/{order['id']}/refunds", json=refund, headers=owner)
    assert given.status_code == 201
    assert (given.json()["order"]["status"], given.json()["order"]["refunded_cents"]) == ("shipped", 1000)
    assert _watched(api, owner) == (0, 0, 1500, 1500, 1, 1000)
    back = api.client.patch(f"{ORDERS}/{order['id']}", json={"status": "pending"}, headers=owner)
    assert (back.status_code, back.json()["detail"]) == (
        409,
        "the order is shipped: it can move to delivered or refunded, not to pending",
    )


def test_paying_takes_the_order_from_one_backlog_to_the_other(api: Api, owner: dict[str, str]) -> None:
    order = api.post(ORDERS, owner, customer_email="ana@example.com", total_cents=4999)
    assert _watched(api, owner)[:2] == (1, 0)
    api.client.patch(f"{ORDERS}/{order['id']}", json={"status": "paid"}, headers=owner)
    assert _watched(api, owner)[:2] == (0, 1)
    api.client.patch(f"{ORDERS}/{order['id']}", json={"status": "cancelled"}, headers=owner)
    assert _watched(api, owner) == (0, 0, 0, 0, 0, 0)
    assert figures(api.stats(VENDOR, owner), "orders")["orders.period_cancellation_rate"] == 100.0
