"""`external_id` through the real API on both databases: the same external id with the same body
answers the first order (`Idempotent-Replayed: true`) and records nothing, figures included; with
another body it is a 409 naming the order that has it; external ids are each vendor's own, and a
bad one is a 400 naming the field."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api import Api, figures
from tests.fakes.clock import FrozenClock

ORDERS = "/api/v1/vendor/orders"
VENDOR = "/api/v1/vendor/dashboard/stats"
ORDER: dict[str, Any] = {
    "customer_email": "ana@example.com",
    "total_cents": 4999,
    "status": "paid",
    "external_id": "SHOP-1001",
}


@pytest.fixture
def shop(api: Api) -> dict[str, Any]:
    return api.three_vendors()


def _orders(api: Api, headers: dict[str, str]) -> int:
    return int(api.client.get(ORDERS, headers=headers).json()["total"])


def test_the_same_external_id_and_body_answers_the_first_order(
    api: Api, shop: dict[str, Any], clock: FrozenClock
) -> None:
    owner = shop["acme_owner"]
    first = api.client.post(ORDERS, json=ORDER, headers=owner)
    assert first.status_code == 201
    assert first.json()["external_id"] == "SHOP-1001"
    assert "idempotent-replayed" not in first.headers
    clock.advance(seconds=30)
    again = api.client.post(ORDERS, json=ORDER, headers=owner)
    assert again.status_code == 201
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()
    assert _orders(api, owner) == 1
    assert figures(api.stats(VENDOR, owner), "orders")["orders.total_revenue"] == 4999
    shown = api.client.get(f"{ORDERS}/{first.json()['id']}", headers=owner).json()
    assert shown["external_id"] == "SHOP-1001"


def test_the_same_external_id_with_another_body_is_a_409_naming_the_order(
    api: Api, shop: dict[str, Any]
) -> None:
    owner = shop["acme_owner"]
    order_id = api.client.post(ORDERS, json=ORDER, headers=owner).json()["id"]
    refused = api.client.post(ORDERS, json=ORDER | {"total_cents": 5000}, headers=owner)
    assert refused.status_code == 409
    assert refused.json()["detail"] == (
        f"external_id: 'SHOP-1001' is already order {order_id} of this vendor, recorded with other "
        "details: use another external_id for another order"
    )
    with_key = api.client.post(
        ORDERS, json=ORDER | {"total_cents": 5000}, headers=owner | {"Idempotency-Key": "k-9"}
    )
    assert with_key.status_code == 409
    assert _orders(api, owner) == 1
    # The key of the refused request stays free for a request that can be done
    freed = api.client.post(
        ORDERS, json=ORDER | {"external_id": "SHOP-1002"}, headers=owner | {"Idempotency-Key": "k-9"}
    )
    assert freed.status_code == 201
    assert _orders(api, owner) == 2


def test_external_ids_are_each_vendors_own(api: Api, shop: dict[str, Any]) -> None:
    acme = api.client.post(ORDERS, json=ORDER, headers=shop["acme_owner"])
    bolt = api.client.post(ORDERS, json=ORDER, headers=shop["bolt_owner"])
    assert (acme.status_code, bolt.status_code) == (201, 201)
    assert acme.json()["id"] != bolt.json()["id"]
    assert "idempotent-replayed" not in bolt.headers


def test_orders_without_an_external_id_never_collide(api: Api, shop: dict[str, Any]) -> None:
    owner = shop["acme_owner"]
    plain = {key: value for key, value in ORDER.items() if key != "external_id"}
    assert api.client.post(ORDERS, json=plain, headers=owner).status_code == 201
    assert api.client.post(ORDERS, json=plain, headers=owner).status_code == 201
    assert _orders(api, owner) == 2


@pytest.mark.parametrize("bad", ["", "has space", "x" * 201])
def test_a_bad_external_id_is_a_400_naming_it(api: Api, shop: dict[str, Any], bad: str) -> None:
    refused = api.client.post(ORDERS, json=ORDER | {"external_id": bad}, headers=shop["acme_owner"])
    assert refused.status_code == 400
    assert refused.json()["detail"].startswith("external_id must be ")
