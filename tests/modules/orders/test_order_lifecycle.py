"""An order's life through the real API on both databases: shown, moved step by step, stamped,
refused where the state machine says no (409 naming the moves left), hidden from other vendors, and
the dashboard following every move (revenue by the day the order was placed)."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime
from typing import Any

import pytest

import modules.orders.service as lifecycle_service
from adapters.container import Container
from kernel.context import MetricsContext
from kernel.errors import ConflictError
from modules.orders import lifecycle
from modules.orders.schemas import OrderMove
from tests.api import Api, figures
from tests.fakes.clock import FrozenClock
from tests.ledger import fast_equals_raw_everywhere
from tests.races import run_together

ORDERS = "/api/v1/vendor/orders"
VENDOR = "/api/v1/vendor/dashboard/stats"
PLACED = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
STAMPS = ("paid_at", "shipped_at", "delivered_at", "cancelled_at", "refunded_at")


@pytest.fixture
def shop(api: Api, clock: FrozenClock) -> dict[str, Any]:
    clock.set(PLACED)
    return api.three_vendors()


def _move(api: Api, headers: dict[str, str], order_id: int, status: str) -> Any:
    return api.client.patch(f"{ORDERS}/{order_id}", json={"status": status}, headers=headers)


def _stamps(order: dict[str, Any]) -> dict[str, str]:
    return {name: order[name] for name in STAMPS if order[name] is not None}


def test_an_order_walks_its_whole_life_and_each_step_is_stamped(
    api: Api, shop: dict[str, Any], clock: FrozenClock
) -> None:
    owner = shop["acme_owner"]
    order = api.order(owner, 4999, "pending")
    assert _stamps(order) == {}
    for day, status in ((2, "paid"), (3, "shipped"), (5, "delivered"), (9, "refunded")):
        clock.set(datetime(2026, 6, day, 10, 30, tzinfo=UTC))
        moved = _move(api, owner, order["id"], status)
        assert moved.status_code == 200, moved.text
        assert moved.json()["status"] == status
    shown = api.client.get(f"{ORDERS}/{order['id']}", headers=owner)
    assert shown.status_code == 200
    assert shown.json()["status"] == "refunded"
    assert shown.json()["created_at"] == "2026-06-01T09:00:00Z"
    assert _stamps(shown.json()) == {
        "paid_at": "2026-06-02T10:30:00Z",
        "shipped_at": "2026-06-03T10:30:00Z",
        "delivered_at": "2026-06-05T10:30:00Z",
        "refunded_at": "2026-06-09T10:30:00Z",
    }


def test_an_order_recorded_in_a_later_status_carries_the_stamps_of_its_path(
    api: Api, shop: dict[str, Any]
) -> None:
    owner, at = shop["acme_owner"], "2026-06-01T09:00:00Z"
    expected = {
        "pending": {},
        "paid": {"paid_at": at},
        "shipped": {"paid_at": at, "shipped_at": at},
        "delivered": {"paid_at": at, "shipped_at": at, "delivered_at": at},
        "cancelled": {"cancelled_at": at},
        "refunded": {"paid_at": at, "refunded_at": at},
    }
    for status, stamps in expected.items():
        created = api.order(owner, 100, status)
        assert _stamps(created) == stamps, status
        assert _stamps(api.client.get(f"{ORDERS}/{created['id']}", headers=owner).json()) == stamps


@pytest.mark.parametrize(
    ("start", "wanted", "detail"),
    [
        ("pending", "shipped", "the order is pending: it can move to paid or cancelled, not to shipped"),
        (
            "paid",
            "pending",
            "the order is paid: it can move to shipped, cancelled or refunded, not to pending",
        ),
        (
            "shipped",
            "cancelled",
            "the order is shipped: it can move to delivered or refunded, not to cancelled",
        ),
        ("delivered", "delivered", "the order is delivered: it can move to refunded, not to delivered"),
        ("cancelled", "paid", "the order is cancelled, which is final: it cannot move to paid"),
        ("refunded", "shipped", "the order is refunded, which is final: it cannot move to shipped"),
    ],
)
def test_a_move_the_lifecycle_does_not_allow_is_a_409_naming_the_allowed_ones(
    api: Api, shop: dict[str, Any], start: str, wanted: str, detail: str
) -> None:
    owner = shop["acme_owner"]
    order = api.order(owner, 100, start)
    refused = _move(api, owner, order["id"], wanted)
    assert refused.status_code == 409
    assert refused.json()["detail"] == detail
    assert api.client.get(f"{ORDERS}/{order['id']}", headers=owner).json() == order


def test_another_vendors_order_is_not_found_and_bad_moves_are_400(api: Api, shop: dict[str, Any]) -> None:
    order = api.order(shop["acme_owner"], 100, "pending")
    other = shop["bolt_owner"]
    for answer in (
        api.client.get(f"{ORDERS}/{order['id']}", headers=other),
        _move(api, other, order["id"], "paid"),
        api.client.get(f"{ORDERS}/999999", headers=shop["acme_owner"]),
    ):
        assert answer.status_code == 404, answer.text
    assert api.client.get(f"{ORDERS}/{order['id']}", headers=shop["acme_owner"]).json()["status"] == "pending"
    for body in ({"status": "lost"}, {"status": "paid", "total_cents": 1}, {}):
        refused = api.client.patch(f"{ORDERS}/{order['id']}", json=body, headers=shop["acme_owner"])
        assert refused.status_code == 400, refused.text
    unsigned = api.client.patch(f"{ORDERS}/{order['id']}", json={"status": "paid"})
    assert unsigned.status_code == 401


def test_the_dashboard_follows_every_move(api: Api, shop: dict[str, Any], clock: FrozenClock) -> None:
    """Revenue counts by the day an order was placed: cancelling today takes it off June 1st."""
    owner = shop["acme_owner"]
    kept = api.order(owner, 3000, "pending")
    dropped = api.order(owner, 2000, "paid")
    clock.set(datetime(2026, 6, 15, 12, 0, tzinfo=UTC))

    def orders() -> dict[str, Any]:
        return figures(api.stats(VENDOR, owner), "orders")

    assert orders() | {"orders.repeat_customers": 0} == {
        "orders.total": 2,
        "orders.total_revenue": 5000,
        "orders.average_order_value": 2500,
        "orders.pending": 1,
        "orders.awaiting_shipment": 1,
        "orders.customers_with_orders": 1,  # c@example.com placed both
        "orders.repeat_customers": 0,
        "orders.period_orders": 2,
        "orders.period_revenue": 5000,
        "orders.period_net_revenue": 5000,
        "orders.period_cancellation_rate": 0.0,
        "orders.period_units": 0,
        "orders.period_refunds": 0,
        "orders.period_refunded": 0,
    }
    assert _move(api, owner, kept["id"], "paid").status_code == 200
    assert orders()["orders.pending"] == 0
    assert _move(api, owner, dropped["id"], "cancelled").status_code == 200
    after = orders()
    assert (after["orders.total"], after["orders.total_revenue"], after["orders.period_revenue"]) == (
        2,
        3000,
        3000,
    )
    assert after["orders.average_order_value"] == 3000
    assert _move(api, owner, kept["id"], "refunded").status_code == 200
    assert (
        figures(api.stats(VENDOR, owner, date_from="2026-06-01", date_to="2026-06-01"), "orders")[
            "orders.period_revenue"
        ]
        == 0
    )


@pytest.mark.parametrize(
    ("start", "first", "second"), [("pending", "paid", "cancelled"), ("paid", "shipped", "refunded")]
)
def test_two_moves_that_both_saw_the_same_status_one_wins_the_other_is_409(
    api: Api,
    shop: dict[str, Any],
    container: Container,
    monkeypatch: pytest.MonkeyPatch,
    start: str,
    first: str,
    second: str,
) -> None:
    """Both moves are held after their check until both have checked, so both saw `start`: then each
    tries to change it. pending → paid and pending → cancelled would both be fine one after the other
    (paid → cancelled is allowed): only the compare and set on the status they saw stops the second."""
    owner, service = shop["acme_owner"], container.orders.order_service()
    order = api.order(owner, 700, start)
    both_checked = threading.Barrier(2, timeout=30)
    checked = lifecycle.check_move

    def held(current: str, wanted: str) -> None:
        checked(current, wanted)
        both_checked.wait()

    monkeypatch.setattr(lifecycle_service, "check_move", held)
    answers: dict[str, Any] = {}

    def move(status: str) -> None:
        try:
            answers[status] = service.move(shop["acme"], order["id"], OrderMove(status=status))  # type: ignore[arg-type]
        except ConflictError as error:
            answers[status] = error

    run_together(lambda: move(first), lambda: move(second))
    [won] = [status for status, answer in answers.items() if not isinstance(answer, ConflictError)]
    [lost] = [answer for answer in answers.values() if isinstance(answer, ConflictError)]
    other = second if won == first else first
    assert str(lost).startswith(f"the order changed meanwhile: it is {won} (")
    assert str(lost).endswith(f"): not moved to {other}")
    monkeypatch.undo()
    assert api.client.get(f"{ORDERS}/{order['id']}", headers=owner).json()["status"] == won
    window = MetricsContext(date(2026, 5, 3), date(2026, 6, 1), "30d", include_trends=True)
    vendors, platforms = (shop[v] for v in ("acme", "bolt", "crux")), (shop["main"], shop["eu"])
    fast_equals_raw_everywhere(container, "orders", vendors, platforms, [window])
