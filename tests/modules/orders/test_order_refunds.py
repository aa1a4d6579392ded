"""Refunds through the real API on both databases: in part, then the rest; never more than is left
(409, changing nothing); only for paid, shipped or delivered orders; another vendor's order is a 404;
a full refund, by amount or by moving the order to refunded, moves it to refunded; two refunds racing
for the last cents cannot both get through. Every figure is worked out by hand: revenue leaves the
day the order was placed, the refund counts on the day it is made."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime
from typing import Any

import pytest

import modules.orders.service as order_service
from adapters.container import Container
from kernel.context import MetricsContext
from kernel.errors import ConflictError
from modules.orders import lifecycle
from modules.orders.schemas import OrderMove, RefundCreate
from tests.api import Api, figures
from tests.fakes.clock import FrozenClock
from tests.ledger import fast_equals_raw_everywhere
from tests.races import run_together

ORDERS = "/api/v1/vendor/orders"
VENDOR = "/api/v1/vendor/dashboard/stats"
PLACED = datetime(2026, 5, 10, 9, 0, tzinfo=UTC)
REFUNDED = datetime(2026, 6, 12, 15, 0, tzinfo=UTC)
TODAY = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)


@pytest.fixture
def shop(api: Api, clock: FrozenClock) -> dict[str, Any]:
    clock.set(PLACED)
    return api.three_vendors()


def _refund(api: Api, headers: dict[str, str], order_id: int, **body: Any) -> Any:
    return api.client.post(f"{ORDERS}/{order_id}/refunds", json=body, headers=headers)


def _period(api: Api, owner: dict[str, str], first: str, last: str) -> dict[str, Any]:
    return figures(api.stats(VENDOR, owner, date_from=first, date_to=last), "orders")


def test_a_refund_in_part_then_the_rest(api: Api, shop: dict[str, Any], clock: FrozenClock) -> None:
    owner = shop["acme_owner"]
    order = api.order(owner, 10_000, "paid")
    api.order(owner, 2_500, "delivered")
    clock.set(REFUNDED)
    first = _refund(api, owner, order["id"], amount_cents=3_000, reason="one item broken")
    assert first.status_code == 201, first.text
    assert {k: first.json()[k] for k in ("order_id", "amount_cents", "reason", "created_at")} == {
        "order_id": order["id"],
        "amount_cents": 3_000,
        "reason": "one item broken",
        "created_at": "2026-06-12T15:00:00Z",
    }
    assert (first.json()["order"]["status"], first.json()["order"]["refunded_cents"]) == ("paid", 3_000)
    clock.set(TODAY)
    assert figures(api.stats(VENDOR, owner), "orders") | {"orders.repeat_customers": 0} == {
        "orders.total": 2,
        "orders.total_revenue": 9_500,  # 10,000 - 3,000 + 2,500
        "orders.average_order_value": 4_750,
        "orders.pending": 0,
        "orders.awaiting_shipment": 1,  # the 10,000 order, paid, not shipped
        "orders.customers_with_orders": 1,  # c@example.com placed both
        "orders.repeat_customers": 0,
        "orders.period_orders": 0,  # both placed on May 10th, before the 30 days
        "orders.period_revenue": 0,
        "orders.period_net_revenue": -3_000,  # nothing placed, 3,000 given back
        "orders.period_cancellation_rate": 0.0,
        "orders.period_units": 0,
        "orders.period_refunds": 1,  # made on June 12th
        "orders.period_refunded": 3_000,
    }
    assert _period(api, owner, "2026-05-10", "2026-05-10")["orders.period_revenue"] == 9_500

    clock.set(REFUNDED)
    rest = _refund(api, owner, order["id"], amount_cents=7_000)
    assert rest.status_code == 201, rest.text
    assert rest.json()["reason"] is None
    assert rest.json()["order"] | {"id": 0} == {
        **order,
        "id": 0,
        "status": "refunded",
        "refunded_cents": 10_000,
        "refunded_at": "2026-06-12T15:00:00Z",
    }
    clock.set(TODAY)
    after = figures(api.stats(VENDOR, owner), "orders")
    assert (after["orders.total_revenue"], after["orders.average_order_value"]) == (2_500, 2_500)
    assert (after["orders.period_refunds"], after["orders.period_refunded"]) == (2, 10_000)
    assert _period(api, owner, "2026-05-10", "2026-05-10")["orders.period_revenue"] == 2_500


@pytest.mark.parametrize(
    ("status", "amount", "detail"),
    [
        ("pending", 100, "the order is pending: only paid, shipped or delivered orders can be refunded"),
        ("cancelled", 100, "the order is cancelled: only paid, shipped or delivered orders can be refunded"),
        ("refunded", 1, "the order is refunded in full: nothing is left to refund"),
        (
            "shipped",
            5_001,
            "amount_cents: 5001 is more than is left to refund on this order, 5000 (total 5000, "
            "refunded so far 0)",
        ),
    ],
)
def test_a_refund_that_cannot_be_is_a_409_and_changes_nothing(
    api: Api, shop: dict[str, Any], container: Container, status: str, amount: int, detail: str
) -> None:
    owner = shop["acme_owner"]
    order = api.order(owner, 5_000, status)
    before = figures(api.stats(VENDOR, owner), "orders")
    refused = _refund(api, owner, order["id"], amount_cents=amount)
    assert refused.status_code == 409
    assert refused.json()["detail"] == detail
    assert api.client.get(f"{ORDERS}/{order['id']}", headers=owner).json() == order
    assert figures(api.stats(VENDOR, owner), "orders") == before


def test_bad_refunds_are_400_and_another_vendors_order_is_404(api: Api, shop: dict[str, Any]) -> None:
    owner = shop["acme_owner"]
    order = api.order(owner, 5_000, "paid")
    for body in ({"amount_cents": 0}, {"amount_cents": -5}, {}, {"amount_cents": 1, "reason": "x" * 501}):
        refused = _refund(api, owner, order["id"], **body)
        assert refused.status_code == 400, (body, refused.text)
    assert _refund(api, shop["bolt_owner"], order["id"], amount_cents=1).status_code == 404
    assert _refund(api, owner, 999_999, amount_cents=1).status_code == 404
    assert api.client.get(f"{ORDERS}/{order['id']}", headers=owner).json()["refunded_cents"] == 0


def test_moving_an_order_to_refunded_refunds_what_is_left(
    api: Api, shop: dict[str, Any], clock: FrozenClock
) -> None:
    owner = shop["acme_owner"]
    order = api.order(owner, 8_000, "delivered")
    clock.set(REFUNDED)
    assert _refund(api, owner, order["id"], amount_cents=500).status_code == 201
    moved = api.client.patch(f"{ORDERS}/{order['id']}", json={"status": "refunded"}, headers=owner)
    assert moved.status_code == 200, moved.text
    assert (moved.json()["status"], moved.json()["refunded_cents"]) == ("refunded", 8_000)
    recorded = api.order(owner, 1_200, "refunded")  # recorded refunded: refunded in full, now
    assert recorded["refunded_cents"] == 1_200
    clock.set(TODAY)
    after = figures(api.stats(VENDOR, owner), "orders")
    assert (after["orders.total_revenue"], after["orders.period_refunds"]) == (0, 3)
    assert after["orders.period_refunded"] == 500 + 7_500 + 1_200


def test_two_refunds_racing_for_the_last_cents_cannot_both_get_through(
    api: Api, shop: dict[str, Any], container: Container
) -> None:
    service, vendor = container.orders.refund_service(), shop["acme"]
    for _ in range(4):
        order = api.order(shop["acme_owner"], 1_000, "paid")
        start = threading.Barrier(2, timeout=30)
        answers: list[Any] = []

        def refund(
            order_id: int = order["id"], barrier: threading.Barrier = start, answers: list[Any] = answers
        ) -> None:
            barrier.wait()
            try:
                answers.append(service.refund(vendor, order_id, RefundCreate(amount_cents=600)))
            except ConflictError as error:
                answers.append(error)

        run_together(refund, refund)
        assert sorted(type(answer).__name__ for answer in answers) == ["ConflictError", "RefundOut"]
        shown = api.client.get(f"{ORDERS}/{order['id']}", headers=shop["acme_owner"]).json()
        assert (shown["status"], shown["refunded_cents"]) == ("paid", 600)
    window = MetricsContext(date(2026, 4, 11), date(2026, 5, 10), "30d", include_trends=True)
    vendors, platforms = (shop[v] for v in ("acme", "bolt", "crux")), (shop["main"], shop["eu"])
    fast_equals_raw_everywhere(container, "orders", vendors, platforms, [window])


def test_a_move_to_refunded_that_a_refund_in_part_overtook_is_a_409(
    api: Api, shop: dict[str, Any], container: Container, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The move read what was left to refund (all of it); a refund in part came in before the move
    wrote. Refunding "the rest" as read would give back more than the total: the move must fail."""
    owner, vendor = shop["acme_owner"], shop["acme"]
    order = api.order(owner, 4_000, "shipped")
    checked = lifecycle.check_move

    def overtaken(current: str, wanted: str) -> None:
        checked(current, wanted)
        container.orders.refund_service().refund(vendor, order["id"], RefundCreate(amount_cents=1_000))

    monkeypatch.setattr(order_service, "check_move", overtaken)
    with pytest.raises(ConflictError, match="the order changed meanwhile: it is shipped "):
        container.orders.order_service().move(vendor, order["id"], OrderMove(status="refunded"))
    monkeypatch.undo()
    shown = api.client.get(f"{ORDERS}/{order['id']}", headers=owner).json()
    assert (shown["status"], shown["refunded_cents"]) == ("shipped", 1_000)
    moved = api.client.patch(f"{ORDERS}/{order['id']}", json={"status": "refunded"}, headers=owner)
    assert (moved.json()["status"], moved.json()["refunded_cents"]) == ("refunded", 4_000)
    window = MetricsContext(date(2026, 4, 11), date(2026, 5, 10), "30d", include_trends=True)
    vendors, platforms = (shop[v] for v in ("acme", "bolt", "crux")), (shop["main"], shop["eu"])
    fast_equals_raw_everywhere(container, "orders", vendors, platforms, [window])
