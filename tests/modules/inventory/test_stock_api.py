"""The vendor's stock routes through the real app, on both databases: recording stock for one's own
products only, listing it, adjusting it without ever going below zero, and never seeing or touching
another vendor's stock."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api import Api
from tests.fakes.clock import FrozenClock
from tests.modules.inventory.conftest import STOCK, add_product, add_stock


def _page(api: Api, owner: dict[str, str], **params: Any) -> Any:
    response = api.client.get(STOCK, params=params, headers=owner)
    assert response.status_code == 200, response.text
    return response.json()


def _adjust(api: Api, owner: dict[str, str], stock_id: int | str, **body: Any) -> Any:
    return api.client.post(f"{STOCK}/{stock_id}/adjust", json=body, headers=owner)


def test_stock_is_recorded_with_defaults_and_the_server_time(api: Api, world: dict) -> None:
    mug = add_product(api, world["acme_owner"], "MUG", 1299)
    response = api.client.post(STOCK, json={"product_id": mug, "quantity": 12}, headers=world["acme_owner"])
    assert response.status_code == 201, response.text
    assert response.json() == {
        "id": 1,
        "vendor_id": world["acme"],
        "product_id": mug,
        "location": "main",
        "quantity": 12,
        "reorder_threshold": 0,
        "updated_at": "2026-06-15T12:00:00Z",
    }


def test_stock_for_a_product_the_vendor_does_not_own_is_404_naming_it(api: Api, world: dict) -> None:
    theirs = add_product(api, world["bolt_owner"], "PEN", 250)
    for product_id in (theirs, 999):
        response = api.client.post(
            STOCK, json={"product_id": product_id, "quantity": 1}, headers=world["acme_owner"]
        )
        assert response.status_code == 404
        assert response.json()["detail"] == f"product {product_id} not found"
    assert _page(api, world["acme_owner"])["total"] == 0
    assert _page(api, world["bolt_owner"])["total"] == 0


def test_one_row_per_product_and_location(api: Api, world: dict) -> None:
    mug = add_product(api, world["acme_owner"], "MUG", 1299)
    add_stock(api, world["acme_owner"], mug, 5)
    again = api.client.post(STOCK, json={"product_id": mug, "quantity": 9}, headers=world["acme_owner"])
    assert again.status_code == 409
    assert again.json()["detail"] == f"product {mug} already has stock at location 'main'"
    other = add_stock(api, world["acme_owner"], mug, 9, location="store-2", reorder_threshold=3)
    assert (other["location"], other["quantity"], other["reorder_threshold"]) == ("store-2", 9, 3)
    assert _page(api, world["acme_owner"])["total"] == 2


def test_stock_is_listed_newest_first_paginated_and_by_product(api: Api, world: dict) -> None:
    mug = add_product(api, world["acme_owner"], "MUG", 1299)
    cup = add_product(api, world["acme_owner"], "CUP", 899)
    for location in ("a", "b", "c"):
        add_stock(api, world["acme_owner"], mug, 1, location=location)
    add_stock(api, world["acme_owner"], cup, 2)
    pen = add_product(api, world["bolt_owner"], "PEN", 250)
    add_stock(api, world["bolt_owner"], pen, 3)

    first = _page(api, world["acme_owner"], limit=3)
    assert (first["total"], first["limit"], first["offset"]) == (4, 3, 0)
    assert [(s["product_id"], s["location"]) for s in first["items"]] == [
        (cup, "main"),
        (mug, "c"),
        (mug, "b"),
    ]
    rest = _page(api, world["acme_owner"], limit=3, offset=3)
    assert [(s["product_id"], s["location"]) for s in rest["items"]] == [(mug, "a")]
    mugs = _page(api, world["acme_owner"], product_id=mug)
    assert (mugs["total"], [s["location"] for s in mugs["items"]]) == (3, ["c", "b", "a"])

    bolt = _page(api, world["bolt_owner"])
    assert ([s["product_id"] for s in bolt["items"]], bolt["total"]) == ([pen], 1)
    assert _page(api, world["bolt_owner"], product_id=mug)["total"] == 0  # acme's product: nothing to see


def test_stock_is_adjusted_by_signed_deltas(api: Api, world: dict, clock: FrozenClock) -> None:
    mug = add_product(api, world["acme_owner"], "MUG", 1299)
    stock = add_stock(api, world["acme_owner"], mug, 10, reorder_threshold=2)
    clock.advance(hours=1)
    received = _adjust(api, world["acme_owner"], stock["id"], delta=5)
    assert received.status_code == 200, received.text
    assert received.json() == {**stock, "quantity": 15, "updated_at": "2026-06-15T13:00:00Z"}
    sold = _adjust(api, world["acme_owner"], stock["id"], delta=-15, reorder_threshold=4)
    assert (sold.json()["quantity"], sold.json()["reorder_threshold"]) == (0, 4)
    same = _adjust(api, world["acme_owner"], stock["id"], delta=0)
    assert (same.status_code, same.json()["quantity"], same.json()["reorder_threshold"]) == (200, 0, 4)


def test_stock_never_goes_below_zero_or_past_the_ceiling(api: Api, world: dict) -> None:
    mug = add_product(api, world["acme_owner"], "MUG", 1299)
    stock = add_stock(api, world["acme_owner"], mug, 3)
    for delta in (-4, 999_998):
        response = _adjust(api, world["acme_owner"], stock["id"], delta=delta, reorder_threshold=9)
        assert response.status_code == 409, response.text
        assert response.json()["detail"] == (
            f"delta {delta:+d} would take stock {stock['id']} from 3 to {3 + delta} units; "
            "it must stay between 0 and 1,000,000"
        )
    assert _page(api, world["acme_owner"])["items"] == [stock]  # the threshold did not change either
    assert _adjust(api, world["acme_owner"], stock["id"], delta=999_997).json()["quantity"] == 1_000_000


def test_another_vendors_stock_is_404_and_stays_untouched(api: Api, world: dict) -> None:
    mug = add_product(api, world["acme_owner"], "MUG", 1299)
    stock = add_stock(api, world["acme_owner"], mug, 3)
    for stock_id in (stock["id"], 999):
        response = _adjust(api, world["bolt_owner"], stock_id, delta=1)
        assert response.status_code == 404
        assert response.json()["detail"] == f"stock {stock_id} not found"
    assert _page(api, world["acme_owner"])["items"] == [stock]


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", STOCK, None),
        ("POST", STOCK, {"product_id": 1, "quantity": 1}),
        ("POST", f"{STOCK}/1/adjust", {"delta": 1}),
    ],
)
def test_only_vendor_users_reach_the_stock(
    api: Api, world: dict, method: str, path: str, body: dict | None
) -> None:
    assert api.client.request(method, path, json=body, headers=world["root"]).status_code == 403
    assert api.client.request(method, path, json=body).status_code == 401


@pytest.mark.parametrize(
    ("body", "key"),
    [
        ({"quantity": 1}, "product_id"),
        ({"product_id": 0, "quantity": 1}, "product_id"),
        ({"product_id": 2**31, "quantity": 1}, "product_id"),
        ({"product_id": "1", "quantity": 1}, "product_id"),
        ({"product_id": 1}, "quantity"),
        ({"product_id": 1, "quantity": -1}, "quantity"),
        ({"product_id": 1, "quantity": 1_000_001}, "quantity"),
        ({"product_id": 1, "quantity": 10**30}, "quantity"),
        ({"product_id": 1, "quantity": 1.5}, "quantity"),
        ({"product_id": 1, "quantity": 1, "reorder_threshold": -1}, "reorder_threshold"),
        ({"product_id": 1, "quantity": 1, "location": ""}, "location"),
        ({"product_id": 1, "quantity": 1, "location": "Main"}, "location"),
        ({"product_id": 1, "quantity": 1, "location": "a b"}, "location"),
        ({"product_id": 1, "quantity": 1, "location": "x" * 64}, "location"),
        ({"product_id": 1, "quantity": 1, "location": "nul\u0000"}, "location"),
        ({"product_id": 1, "quantity": 1, "bin": "A3"}, "bin"),
    ],
)
def test_bad_stock_is_400_naming_the_field_and_stores_nothing(
    api: Api, world: dict, body: dict, key: str
) -> None:
    add_product(api, world["acme_owner"], "MUG", 1299)
    response = api.client.post(STOCK, json=body, headers=world["acme_owner"])
    assert response.status_code == 400, response.text
    assert key in response.json()["detail"]
    assert _page(api, world["acme_owner"])["total"] == 0


@pytest.mark.parametrize(
    ("body", "key"),
    [
        ({}, "delta"),
        ({"delta": 1.5}, "delta"),
        ({"delta": 10**30}, "delta"),
        ({"delta": -1_000_001}, "delta"),
        ({"delta": 1, "reorder_threshold": -1}, "reorder_threshold"),
        ({"delta": 1, "quantity": 5}, "quantity"),
    ],
)
def test_a_bad_adjustment_is_400_and_changes_nothing(api: Api, world: dict, body: dict, key: str) -> None:
    mug = add_product(api, world["acme_owner"], "MUG", 1299)
    stock = add_stock(api, world["acme_owner"], mug, 3)
    response = api.client.post(f"{STOCK}/{stock['id']}/adjust", json=body, headers=world["acme_owner"])
    assert response.status_code == 400, response.text
    assert key in response.json()["detail"]
    assert _page(api, world["acme_owner"])["items"] == [stock]


@pytest.mark.parametrize(
    ("params", "key"),
    [
        ({"product_id": "0"}, "product_id"),
        ({"product_id": "2147483648"}, "product_id"),
        ({"product_id": "abc"}, "product_id"),
        ({"limit": "0"}, "limit"),
        ({"limit": "101"}, "limit"),
        ({"offset": "-1"}, "offset"),
    ],
)
def test_bad_list_parameters_are_400_naming_them(api: Api, world: dict, params: dict, key: str) -> None:
    response = api.client.get(STOCK, params=params, headers=world["acme_owner"])
    assert response.status_code == 400
    assert [field["key"] for field in response.json()["extra"]] == [key]


@pytest.mark.parametrize("stock_id", ["0", "2147483648", "99999999999999999999"])
def test_bad_stock_ids_are_400_or_404(api: Api, world: dict, stock_id: str) -> None:
    assert _adjust(api, world["acme_owner"], stock_id, delta=1).status_code in (400, 404)
