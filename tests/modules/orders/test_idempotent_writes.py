"""Safe retries through the real API on both databases: an order or a refund sent again with the same
`Idempotency-Key` and body is answered as the first time and recorded once (figures included); the
key with another body is a 409; keys are each vendor's own; a key of a write that failed is free; a
bad key is a 400; two requests with one key at once record one order."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from adapters.container import Container
from modules.orders.schemas import OrderCreate
from tests.api import Api, figures
from tests.fakes.clock import FrozenClock
from tests.races import run_together

ORDERS = "/api/v1/vendor/orders"
VENDOR = "/api/v1/vendor/dashboard/stats"
ORDER: dict[str, Any] = {"customer_email": "ana@example.com", "total_cents": 4999, "status": "paid"}


@pytest.fixture
def shop(api: Api) -> dict[str, Any]:
    return api.three_vendors()


def _post(api: Api, headers: dict[str, str], key: str | bytes | None, path: str = ORDERS, **body: Any) -> Any:
    sent: dict[str, Any] = headers | ({"Idempotency-Key": key} if key is not None else {})
    return api.client.post(path, json=body or ORDER, headers=sent)


def _orders(api: Api, headers: dict[str, str]) -> int:
    return int(api.client.get(ORDERS, headers=headers).json()["total"])


def test_an_order_sent_again_with_its_key_is_recorded_once(
    api: Api, shop: dict[str, Any], clock: FrozenClock
) -> None:
    owner = shop["acme_owner"]
    first = _post(api, owner, "order-7f3a")
    assert first.status_code == 201
    assert "idempotent-replayed" not in first.headers
    clock.advance(seconds=30)
    again = _post(api, owner, "order-7f3a")
    assert again.status_code == 201
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()  # created_at included: the first answer, not a new one
    assert _orders(api, owner) == 1
    assert figures(api.stats(VENDOR, owner), "orders")["orders.total_revenue"] == 4999
    assert _post(api, owner, None).status_code == 201  # no key: a new order each time
    assert _orders(api, owner) == 2


def test_a_key_with_another_body_is_a_409_and_records_nothing(api: Api, shop: dict[str, Any]) -> None:
    owner = shop["acme_owner"]
    assert _post(api, owner, "k-1").status_code == 201
    refused = _post(api, owner, "k-1", **(ORDER | {"total_cents": 5000}))
    assert refused.status_code == 409
    assert refused.json()["detail"] == (
        "Idempotency-Key: this key was already used for another request; use a new key for a new request"
    )
    order_id = _post(api, owner, "k-1").json()["id"]
    refund = _post(api, owner, "k-1", path=f"{ORDERS}/{order_id}/refunds", amount_cents=100)
    assert refund.status_code == 409  # the same key on another route is another request too
    assert _orders(api, owner) == 1


def test_keys_are_each_vendors_own(api: Api, shop: dict[str, Any]) -> None:
    acme, bolt = _post(api, shop["acme_owner"], "same"), _post(api, shop["bolt_owner"], "same")
    assert (acme.status_code, bolt.status_code) == (201, 201)
    assert acme.json()["id"] != bolt.json()["id"]
    assert "idempotent-replayed" not in bolt.headers


def test_a_refund_sent_again_gives_back_once_and_a_failed_write_leaves_its_key_free(
    api: Api, shop: dict[str, Any]
) -> None:
    owner = shop["acme_owner"]
    order = _post(api, owner, None).json()
    path = f"{ORDERS}/{order['id']}/refunds"
    first = _post(api, owner, "refund-1", path=path, amount_cents=1000, reason="late")
    again = _post(api, owner, "refund-1", path=path, amount_cents=1000, reason="late")
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"
    assert api.client.get(f"{ORDERS}/{order['id']}", headers=owner).json()["refunded_cents"] == 1000
    too_much = _post(api, owner, "refund-2", path=path, amount_cents=9999)
    assert too_much.status_code == 409  # nothing done: the key stays free for a corrected request
    assert _post(api, owner, "refund-2", path=path, amount_cents=3999).status_code == 201
    shown = api.client.get(f"{ORDERS}/{order['id']}", headers=owner).json()
    assert (shown["status"], shown["refunded_cents"]) == ("refunded", 4999)
    assert figures(api.stats(VENDOR, owner), "orders")["orders.period_refunds"] == 2


@pytest.mark.parametrize("key", ["", "x" * 256, "has space", "naïve".encode(), "tab\there"])
def test_a_bad_key_is_a_400_naming_the_header(api: Api, shop: dict[str, Any], key: str | bytes) -> None:
    refused = _post(api, shop["acme_owner"], key)
    assert refused.status_code == 400, refused.text
    assert refused.json()["detail"].startswith("Idempotency-Key: use 1 to 255 visible ASCII characters")
    assert _orders(api, shop["acme_owner"]) == 0


def test_two_requests_with_one_key_at_once_record_one_order(
    api: Api, shop: dict[str, Any], container: Container
) -> None:
    service, vendor = container.orders.order_service(), shop["acme"]
    data = OrderCreate(customer_email="ana@example.com", total_cents=4999, status="paid")
    start = threading.Barrier(4, timeout=30)
    answers: list[Any] = []

    def send() -> None:
        start.wait()
        answers.append(service.record(vendor, data, "at-once"))

    run_together(send, send, send, send)
    assert len({order.id for order, _ in answers}) == 1
    assert sorted(replayed for _, replayed in answers) == [False, True, True, True]
    assert _orders(api, shop["acme_owner"]) == 1
