"""Order lines through the real API on both databases: the total is their sum (given or worked out;
another figure is a 400 naming both), lines name the vendor's own catalog products only, they come
back with the order and the list, and units sold follow the order's life."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from litestar.testing import TestClient

from adapters.container import Container
from adapters.http.app import create_app
from tests.api import Api, figures
from tests.fakes.clock import FrozenClock
from tests.removal import REMOVED

ORDERS = "/api/v1/vendor/orders"
VENDOR = "/api/v1/vendor/dashboard/stats"
PRODUCTS = "/api/v1/vendor/catalog/products"
TEE = {"sku": "TEE-M", "title": "Blue tee, M", "quantity": 2, "unit_price_cents": 1999}
MUG = {"sku": "MUG", "title": "Mug", "quantity": 3, "unit_price_cents": 850}
needs_catalog = pytest.mark.skipif("catalog" in REMOVED, reason="the removability matrix took catalog away")


@pytest.fixture
def shop(api: Api, clock: FrozenClock) -> dict[str, Any]:
    clock.set(datetime(2026, 6, 10, 9, 0, tzinfo=UTC))
    return api.three_vendors()


def _order(api: Api, headers: dict[str, str], **body: Any) -> Any:
    sent = {"customer_email": "ana@example.com", "status": "paid"} | body
    return api.client.post(ORDERS, json=sent, headers=headers)


def test_an_order_with_lines_totals_them_and_shows_them(api: Api, shop: dict[str, Any]) -> None:
    owner = shop["acme_owner"]
    worked_out = _order(api, owner, lines=[TEE, MUG])
    assert worked_out.status_code == 201, worked_out.text
    assert worked_out.json()["total_cents"] == 2 * 1999 + 3 * 850
    assert worked_out.json()["lines"] == [TEE | {"product_id": None}, MUG | {"product_id": None}]
    given = _order(api, owner, lines=[TEE], total_cents=3998)
    assert given.status_code == 201, given.text
    shown = api.client.get(f"{ORDERS}/{worked_out.json()['id']}", headers=owner).json()
    assert shown["lines"] == worked_out.json()["lines"]
    listed = api.client.get(ORDERS, headers=owner).json()["items"]
    assert [len(order["lines"]) for order in listed] == [1, 2]  # newest first
    without = _order(api, owner, total_cents=500)
    assert (without.status_code, without.json()["lines"]) == (201, [])


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        (
            {"lines": [TEE], "total_cents": 4000},
            "total_cents: 4000 is not what the lines add up to, 3998: leave total_cents out or make it 3998",
        ),
        ({}, "total_cents: give the order's total in cents, or its lines"),
        (
            {"lines": [TEE | {"quantity": 1_000_000, "unit_price_cents": 10_000_000_000}]},
            "lines: the lines add up to 10000000000000000 cents, more than an order may total (10000000000)",
        ),
    ],
)
def test_lines_that_do_not_add_up_or_name_no_product_of_the_vendor_are_a_400(
    api: Api, shop: dict[str, Any], body: dict[str, Any], detail: str
) -> None:
    refused = _order(api, shop["acme_owner"], **body)
    assert refused.status_code == 400, refused.text
    assert refused.json()["detail"] == detail
    assert api.client.get(ORDERS, headers=shop["acme_owner"]).json()["total"] == 0


@needs_catalog
def test_a_line_names_one_of_the_vendors_own_products(api: Api, shop: dict[str, Any]) -> None:
    mine = api.post(PRODUCTS, shop["acme_owner"], sku="TEE-M", title="Blue tee", price_cents=1999)
    theirs = api.post(PRODUCTS, shop["bolt_owner"], sku="CAP", title="Cap", price_cents=900)
    ok = _order(api, shop["acme_owner"], lines=[TEE | {"product_id": mine["id"]}])
    assert ok.status_code == 201, ok.text
    assert ok.json()["lines"][0]["product_id"] == mine["id"]
    unknown = _order(api, shop["acme_owner"], lines=[TEE, MUG | {"product_id": 999}])
    assert unknown.status_code == 400
    assert unknown.json()["detail"] == "lines[1].product_id: product 999 is not one of this vendor's products"
    refused = _order(api, shop["acme_owner"], lines=[TEE | {"product_id": theirs["id"]}])
    assert refused.status_code == 400
    assert (
        refused.json()["detail"]
        == f"lines[0].product_id: product {theirs['id']} is not one of this vendor's products"
    )


def test_units_sold_follow_the_orders_life(api: Api, shop: dict[str, Any], clock: FrozenClock) -> None:
    owner = shop["acme_owner"]
    kept = _order(api, owner, lines=[TEE, MUG]).json()  # 5 units
    dropped = _order(api, owner, lines=[MUG], status="pending").json()  # 3 units
    refunded = _order(api, owner, lines=[TEE]).json()  # 2 units
    _order(api, owner, lines=[TEE], status="cancelled")  # never counted
    clock.set(datetime(2026, 6, 15, 12, 0, tzinfo=UTC))

    def units() -> int:
        return int(figures(api.stats(VENDOR, owner), "orders")["orders.period_units"])

    assert units() == 5 + 3 + 2
    assert (
        api.client.patch(f"{ORDERS}/{dropped['id']}", json={"status": "cancelled"}, headers=owner).status_code
        == 200
    )
    assert units() == 5 + 2
    full = {"amount_cents": refunded["total_cents"]}
    assert api.client.post(f"{ORDERS}/{refunded['id']}/refunds", json=full, headers=owner).status_code == 201
    assert units() == 5
    part = {"amount_cents": 100}
    assert api.client.post(f"{ORDERS}/{kept['id']}/refunds", json=part, headers=owner).status_code == 201
    assert units() == 5  # a refund in part gives money back, not units


@needs_catalog  # builds its own container with catalog off; taken away, catalog is off for them all
def test_with_the_catalog_off_lines_cannot_name_products(make_container: Any) -> None:
    off = {code: {"enabled": False} for code in ("marketplace", "inventory", "catalog")}
    container: Container = make_container({"modules": off})
    assert list(container.all_product_catalogs()) == []
    with TestClient(create_app(container), base_url="http://testserver.local") as client:
        api = Api(client, container)
        owner = api.three_vendors()["acme_owner"]
        assert _order(api, owner, lines=[TEE]).status_code == 201
        refused = _order(api, owner, lines=[TEE | {"product_id": 1}])
        assert refused.status_code == 400
        assert refused.json()["detail"] == (
            "lines[0].product_id: the catalog module is off, so a line cannot name a product: "
            "leave product_id out"
        )
