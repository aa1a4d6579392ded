"""Recording and listing customers through the real API on both databases."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api import Api
from tests.modules.customers.conftest import CUSTOMERS, add_customer


def _emails(page: dict[str, Any]) -> list[str]:
    return [customer["email"] for customer in page["items"]]


def test_a_customer_is_stored_lower_case_and_stamped_by_the_server(api: Api, world: dict) -> None:
    created = add_customer(api, world["crux_owner"], "Ada.Lovelace@Example.COM", "Ada Lovelace")
    assert created == {
        "id": 12,  # acme 6, bolt 4, crux 1 before it
        "vendor_id": world["crux"],
        "email": "ada.lovelace@example.com",
        "name": "Ada Lovelace",
        "created_at": "2026-06-15T12:00:00Z",
    }
    assert add_customer(api, world["crux_owner"], "no-name@example.com")["name"] is None


def test_the_same_email_twice_for_one_vendor_is_a_conflict_naming_it(api: Api, world: dict) -> None:
    response = api.client.post(CUSTOMERS, json={"email": "SHARED@example.com"}, headers=world["acme_owner"])
    assert response.status_code == 409
    assert "shared@example.com" in response.json()["detail"]
    listed = api.client.get(CUSTOMERS, headers=world["acme_owner"]).json()
    assert listed["total"] == 6  # nothing was added


def test_the_same_email_at_another_vendor_is_another_customer(api: Api, world: dict) -> None:
    created = add_customer(api, world["crux_owner"], "prev-first@example.com")  # acme has it
    assert created["vendor_id"] == world["crux"]


def test_customers_are_listed_newest_first_and_paginated(api: Api, world: dict) -> None:
    first = api.client.get(CUSTOMERS, params={"limit": 4}, headers=world["acme_owner"]).json()
    assert (first["total"], first["limit"], first["offset"]) == (6, 4, 0)
    assert _emails(first) == [
        "shared@example.com",
        "now-first@example.com",
        "prev-last@example.com",
        "prev-first@example.com",
    ]
    rest = api.client.get(CUSTOMERS, params={"limit": 4, "offset": 4}, headers=world["acme_owner"]).json()
    assert (_emails(rest), rest["total"]) == (["before@example.com", "old@example.com"], 6)
    past = api.client.get(CUSTOMERS, params={"offset": 6}, headers=world["acme_owner"]).json()
    assert (past["items"], past["total"], past["limit"]) == ([], 6, 20)


def test_the_email_filter_finds_one_customer_whatever_its_case(api: Api, world: dict) -> None:
    found = api.client.get(CUSTOMERS, params={"email": "Shared@EXAMPLE.com"}, headers=world["bolt_owner"])
    assert found.status_code == 200
    assert [(c["email"], c["vendor_id"]) for c in found.json()["items"]] == [
        ("shared@example.com", world["bolt"])
    ]
    missing = api.client.get(CUSTOMERS, params={"email": "old@example.com"}, headers=world["bolt_owner"])
    assert missing.json()["total"] == 0  # acme's customer, not bolt's


def test_a_vendor_sees_only_its_own_customers(api: Api, world: dict) -> None:
    bolt = api.client.get(CUSTOMERS, headers=world["bolt_owner"]).json()
    assert bolt["total"] == 4
    assert {customer["vendor_id"] for customer in bolt["items"]} == {world["bolt"]}


@pytest.mark.parametrize("who", ["root", "main_admin"])
def test_only_vendor_users_reach_the_customers_routes(api: Api, world: dict, who: str) -> None:
    assert api.client.get(CUSTOMERS, headers=world[who]).status_code == 403
    response = api.client.post(CUSTOMERS, json={"email": "x@example.com"}, headers=world[who])
    assert response.status_code == 403
    assert api.client.get(CUSTOMERS).status_code == 401


@pytest.mark.parametrize(
    ("body", "key"),
    [
        ({}, "email"),
        ({"email": ""}, "email"),
        ({"email": "not an email"}, "email"),
        ({"email": "nul\u0000@example.com"}, "email"),
        ({"email": "a" * 250 + "@example.com"}, "email"),
        ({"email": 42}, "email"),
        ({"email": "\u0130" * 240 + "@example.com"}, "email"),  # 252 characters, 492 once lower-cased
        ({"email": "c@example.com", "name": ""}, "name"),
        ({"email": "c@example.com", "name": "   "}, "name"),
        ({"email": "c@example.com", "name": "x" * 201}, "name"),
        ({"email": "c@example.com", "name": "Nul\u0000"}, "name"),
        ({"email": "c@example.com", "vip": True}, "vip"),
    ],
)
def test_a_bad_customer_is_400_naming_the_field_and_stores_nothing(
    api: Api, world: dict, body: dict, key: str
) -> None:
    response = api.client.post(CUSTOMERS, json=body, headers=world["crux_owner"])
    assert response.status_code == 400, response.text
    assert [field["key"] for field in response.json()["extra"]] == [key]
    assert api.client.get(CUSTOMERS, headers=world["crux_owner"]).json()["total"] == 1


@pytest.mark.parametrize(
    ("params", "key"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": 101}, "limit"),
        ({"offset": -1}, "offset"),
        ({"offset": 2**31}, "offset"),
        ({"email": "nul\u0000@example.com"}, "email"),
        ({"email": "nobody"}, "email"),
    ],
)
def test_bad_list_parameters_are_400_naming_them(api: Api, world: dict, params: dict, key: str) -> None:
    response = api.client.get(CUSTOMERS, params=params, headers=world["acme_owner"])
    assert response.status_code == 400, response.text
    assert [field["key"] for field in response.json()["extra"]] == [key]
