"""The vendor's product routes through the real app, on both databases: creating, listing, editing,
and never seeing or touching another vendor's products."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tests.api import Api
from tests.fakes.clock import FrozenClock
from tests.modules.catalog.conftest import PRODUCTS, add_product


def _page(api: Api, owner: dict[str, str], **params: Any) -> Any:
    response = api.client.get(PRODUCTS, params=params, headers=owner)
    assert response.status_code == 200, response.text
    return response.json()


def test_a_product_is_created_with_defaults_and_the_server_time(api: Api, world: dict) -> None:
    response = api.client.post(
        PRODUCTS,
        json={"sku": "MUG-01.blue_L", "title": "Blue mug", "price_cents": 1299},
        headers=world["acme_owner"],
    )
    assert response.status_code == 201, response.text
    assert response.json() == {
        "id": 1,
        "vendor_id": world["acme"],
        "sku": "MUG-01.blue_L",
        "title": "Blue mug",
        "price_cents": 1299,
        "is_active": True,
        "is_featured": False,
        "created_at": "2026-06-15T12:00:00Z",
    }


def test_a_duplicate_sku_is_409_for_the_same_vendor_only(api: Api, world: dict) -> None:
    add_product(api, world["acme_owner"], "MUG-1")
    again = api.client.post(
        PRODUCTS, json={"sku": "MUG-1", "title": "Again", "price_cents": 5}, headers=world["acme_owner"]
    )
    assert again.status_code == 409
    assert "MUG-1" in again.json()["detail"]
    assert add_product(api, world["bolt_owner"], "MUG-1")["vendor_id"] == world["bolt"]
    assert add_product(api, world["acme_owner"], "mug-1")["sku"] == "mug-1"  # skus are case-sensitive
    assert _page(api, world["acme_owner"])["total"] == 2


def test_products_are_listed_newest_first_paginated_and_filtered(
    api: Api, world: dict, clock: FrozenClock
) -> None:
    start = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
    flags = [(True, False), (False, False), (True, True), (True, False), (False, True)]
    for number, (active, featured) in enumerate(flags, start=1):
        clock.set(start + timedelta(hours=number))
        add_product(api, world["acme_owner"], f"P{number}", is_active=active, is_featured=featured)
    clock.set(start + timedelta(hours=5))
    add_product(api, world["acme_owner"], "P6")  # same second as P5: the higher id comes first
    add_product(api, world["bolt_owner"], "B1")

    first = _page(api, world["acme_owner"], limit=2)
    assert (first["total"], first["limit"], first["offset"]) == (6, 2, 0)
    assert [p["sku"] for p in first["items"]] == ["P6", "P5"]
    rest = _page(api, world["acme_owner"], limit=2, offset=4)
    assert [p["sku"] for p in rest["items"]] == ["P2", "P1"]
    assert _page(api, world["acme_owner"], offset=6)["items"] == []

    on_sale = _page(api, world["acme_owner"], is_active="true")
    assert [p["sku"] for p in on_sale["items"]] == ["P6", "P4", "P3", "P1"]
    featured = _page(api, world["acme_owner"], is_featured="true")
    assert [p["sku"] for p in featured["items"]] == ["P5", "P3"]
    both = _page(api, world["acme_owner"], is_active="false", is_featured="true")
    assert ([p["sku"] for p in both["items"]], both["total"]) == (["P5"], 1)

    bolt = _page(api, world["bolt_owner"])
    assert ([p["sku"] for p in bolt["items"]], bolt["total"]) == (["B1"], 1)


def test_a_product_is_edited_field_by_field(api: Api, world: dict) -> None:
    created = add_product(api, world["acme_owner"], "LAMP", 4500, title="Lamp")
    path = f"{PRODUCTS}/{created['id']}"
    response = api.client.patch(
        path, json={"price_cents": 3999, "is_featured": True}, headers=world["acme_owner"]
    )
    assert response.status_code == 200, response.text
    assert response.json() == {**created, "price_cents": 3999, "is_featured": True}
    response = api.client.patch(
        path, json={"title": "Desk lamp", "is_active": False}, headers=world["acme_owner"]
    )
    assert response.json() == {**created, "title": "Desk lamp", "price_cents": 3999, "is_featured": True,
                               "is_active": False}  # fmt: skip
    unchanged = api.client.patch(path, json={}, headers=world["acme_owner"])
    assert (unchanged.status_code, unchanged.json()["title"]) == (200, "Desk lamp")


def test_another_vendors_product_is_404_and_stays_untouched(api: Api, world: dict) -> None:
    theirs = add_product(api, world["acme_owner"], "SECRET", 100)
    for product_id in (theirs["id"], 999):
        response = api.client.patch(
            f"{PRODUCTS}/{product_id}", json={"price_cents": 1}, headers=world["bolt_owner"]
        )
        assert response.status_code == 404
        assert response.json()["detail"] == f"product {product_id} not found"
    assert _page(api, world["bolt_owner"])["total"] == 0
    assert _page(api, world["acme_owner"])["items"][0]["price_cents"] == 100


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_only_vendor_users_reach_the_products(api: Api, world: dict, method: str) -> None:
    body = {"sku": "X", "title": "X", "price_cents": 1}
    response = api.client.request(method, PRODUCTS, json=body, headers=world["root"])
    assert response.status_code == 403
    assert api.client.request(method, PRODUCTS, json=body).status_code == 401


@pytest.mark.parametrize(
    ("body", "key"),
    [
        ({"sku": "", "title": "T", "price_cents": 1}, "sku"),
        ({"sku": "has space", "title": "T", "price_cents": 1}, "sku"),
        ({"sku": "new\n", "title": "T", "price_cents": 1}, "sku"),
        ({"sku": "nul\u0000", "title": "T", "price_cents": 1}, "sku"),
        ({"sku": "x" * 65, "title": "T", "price_cents": 1}, "sku"),
        ({"sku": "OK", "title": "", "price_cents": 1}, "title"),
        ({"sku": "OK", "title": "   ", "price_cents": 1}, "title"),
        ({"sku": "OK", "title": "a\u0000b", "price_cents": 1}, "title"),
        ({"sku": "OK", "title": "t" * 201, "price_cents": 1}, "title"),
        ({"sku": "OK", "title": "T", "price_cents": -1}, "price_cents"),
        ({"sku": "OK", "title": "T", "price_cents": 1_000_000_001}, "price_cents"),
        ({"sku": "OK", "title": "T", "price_cents": 10**30}, "price_cents"),
        ({"sku": "OK", "title": "T", "price_cents": 1.5}, "price_cents"),
        ({"sku": "OK", "title": "T", "price_cents": "1"}, "price_cents"),
        ({"sku": "OK", "title": "T"}, "price_cents"),
        ({"sku": "OK", "title": "T", "price_cents": 1, "is_active": "yes"}, "is_active"),
        ({"sku": "OK", "title": "T", "price_cents": 1, "stock": 5}, "stock"),
    ],
)
def test_a_bad_product_is_400_naming_the_field_and_stores_nothing(
    api: Api, world: dict, body: dict, key: str
) -> None:
    response = api.client.post(PRODUCTS, json=body, headers=world["acme_owner"])
    assert response.status_code == 400, response.text
    assert key in response.json()["detail"]
    assert _page(api, world["acme_owner"])["total"] == 0


@pytest.mark.parametrize(
    ("body", "key"),
    [
        ({"price_cents": -5}, "price_cents"),
        ({"title": ""}, "title"),
        ({"is_featured": 1}, "is_featured"),
        ({"sku": "RENAMED"}, "sku"),  # the sku is the product's identity
    ],
)
def test_a_bad_edit_is_400_and_changes_nothing(api: Api, world: dict, body: dict, key: str) -> None:
    created = add_product(api, world["acme_owner"], "KEEP", 700)
    response = api.client.patch(f"{PRODUCTS}/{created['id']}", json=body, headers=world["acme_owner"])
    assert response.status_code == 400, response.text
    assert key in response.json()["detail"]
    assert _page(api, world["acme_owner"])["items"] == [created]


@pytest.mark.parametrize(
    ("params", "key"),
    [
        ({"limit": "0"}, "limit"),
        ({"limit": "101"}, "limit"),
        ({"offset": "-1"}, "offset"),
        ({"offset": "2147483648"}, "offset"),
        ({"is_active": "maybe"}, "is_active"),
    ],
)
def test_bad_list_parameters_are_400_naming_them(api: Api, world: dict, params: dict, key: str) -> None:
    response = api.client.get(PRODUCTS, params=params, headers=world["acme_owner"])
    assert response.status_code == 400
    assert [field["key"] for field in response.json()["extra"]] == [key]


@pytest.mark.parametrize("product_id", ["0", "2147483648", "99999999999999999999"])
def test_bad_product_ids_are_400_or_404(api: Api, world: dict, product_id: str) -> None:
    response = api.client.patch(f"{PRODUCTS}/{product_id}", json={}, headers=world["acme_owner"])
    assert response.status_code in (400, 404)
