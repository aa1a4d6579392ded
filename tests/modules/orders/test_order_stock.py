"""Stock follows sales through the real API on both databases, when inventory is on. Worked out by
hand (acme, on platform main; prices TEE 20.00, MUG 5.00, CAP 1.00):

    product   stock (location: units / reorder threshold)     figures (units, low, out, value)
    TEE       main 5/2, store-2 3/1                            12 units, 0 low, 0 out, 18000 cents
    MUG       main 4/0                                         (TEE 8 x 2000 + MUG 4 x 500)
    CAP       none: not stock-tracked

Paying an order of 6 TEE, 1 MUG, 2 CAP and a line naming no product takes TEE's 5 at main, then 1 at
store-2, and 1 MUG: TEE main 0, store-2 2 (2 units, at most its thresholds 3: low), MUG 3; 5 units,
1 low, 0 out, 2 x 2000 + 3 x 500 = 5500 cents. Cancelling it puts every unit back where it was.

Tests that need inventory skip when the removability matrix took it (or catalog) away; what must
hold without it is asserted whichever way the matrix runs.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest
from litestar.testing import TestClient
from sqlalchemy import func, select

from adapters.container import Container
from adapters.http.app import create_app
from kernel.errors import ConflictError
from modules.orders.models import OrderStockMove
from modules.orders.schemas import OrderMove
from tests.api import Api, figures
from tests.races import run_together
from tests.removal import REMOVED

ORDERS, PRODUCTS, STOCK = (
    "/api/v1/vendor/orders",
    "/api/v1/vendor/catalog/products",
    "/api/v1/vendor/inventory/stock",
)
VENDOR = "/api/v1/vendor/dashboard/stats"
INVENTORY_ON = "inventory" not in REMOVED
pytestmark = pytest.mark.skipif("catalog" in REMOVED, reason="the removability matrix took catalog away")
needs_inventory = pytest.mark.skipif(not INVENTORY_ON, reason="the removability matrix took inventory away")
STOCKED = {
    "inventory.units_in_stock": 12,
    "inventory.low_stock_products": 0,
    "inventory.out_of_stock_products": 0,
    "inventory.stock_value": 18_000,
}


@pytest.fixture
def shop(api: Api) -> dict[str, Any]:
    world = api.three_vendors()
    owner = world["acme_owner"]
    for sku, price in (("TEE", 2_000), ("MUG", 500), ("CAP", 100)):
        world[sku] = int(api.post(PRODUCTS, owner, sku=sku, title=sku, price_cents=price)["id"])
    if INVENTORY_ON:
        for sku, location, quantity, threshold in (
            ("TEE", "main", 5, 2),
            ("TEE", "store-2", 3, 1),
            ("MUG", "main", 4, 0),
        ):
            api.post(
                STOCK,
                owner,
                product_id=world[sku],
                location=location,
                quantity=quantity,
                reorder_threshold=threshold,
            )
    return world


def _line(product_id: int | None, quantity: int, price: int = 100) -> dict[str, Any]:
    return {
        "sku": f"SKU-{product_id}",
        "title": "Item",
        "quantity": quantity,
        "unit_price_cents": price,
        "product_id": product_id,
    }


def _order(api: Api, shop: dict[str, Any], status: str, *lines: dict[str, Any]) -> dict[str, Any]:
    body = {"customer_email": "ana@example.com", "status": status, "lines": list(lines)}
    response = api.client.post(ORDERS, json=body, headers=shop["acme_owner"])
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


def _big_order(api: Api, shop: dict[str, Any], status: str = "pending") -> dict[str, Any]:
    return _order(
        api, shop, status, _line(shop["TEE"], 6), _line(shop["MUG"], 1), _line(shop["CAP"], 2), _line(None, 3)
    )


def _move(api: Api, shop: dict[str, Any], order_id: int, **body: Any) -> Any:
    return api.client.patch(f"{ORDERS}/{order_id}", json=body, headers=shop["acme_owner"])


def _refund(api: Api, shop: dict[str, Any], order_id: int, **body: Any) -> Any:
    return api.client.post(f"{ORDERS}/{order_id}/refunds", json=body, headers=shop["acme_owner"])


def _stock(api: Api, shop: dict[str, Any]) -> dict[tuple[str, str], int]:
    names = {shop[sku]: sku for sku in ("TEE", "MUG", "CAP")}
    items = api.client.get(STOCK, params={"limit": 100}, headers=shop["acme_owner"]).json()["items"]
    return {(names[s["product_id"]], s["location"]): s["quantity"] for s in items}


def _inventory(api: Api, shop: dict[str, Any]) -> dict[str, Any]:
    return figures(api.stats(VENDOR, shop["acme_owner"]), "inventory")


def _moves(container: Container) -> int:
    with container.session_factory()() as session:
        return int(session.scalar(select(func.count()).select_from(OrderStockMove)) or 0)


@needs_inventory
def test_paying_takes_the_units_and_cancelling_puts_them_back(api: Api, shop: dict[str, Any]) -> None:
    order = _big_order(api, shop)
    assert _stock(api, shop) == {
        ("TEE", "main"): 5,
        ("TEE", "store-2"): 3,
        ("MUG", "main"): 4,
    }  # pending: nothing
    paid = _move(api, shop, order["id"], status="paid")
    assert paid.status_code == 200, paid.text
    assert _stock(api, shop) == {("TEE", "main"): 0, ("TEE", "store-2"): 2, ("MUG", "main"): 3}
    assert _inventory(api, shop) == {
        "inventory.units_in_stock": 5,
        "inventory.low_stock_products": 1,
        "inventory.out_of_stock_products": 0,
        "inventory.stock_value": 5_500,
    }
    cancelled = _move(api, shop, order["id"], status="cancelled")
    assert cancelled.status_code == 200, cancelled.text
    assert _stock(api, shop) == {("TEE", "main"): 5, ("TEE", "store-2"): 3, ("MUG", "main"): 4}
    assert _inventory(api, shop) == STOCKED


@needs_inventory
def test_too_few_units_is_a_409_naming_the_product_and_nothing_changes(
    api: Api, shop: dict[str, Any]
) -> None:
    order = _order(api, shop, "pending", _line(shop["MUG"], 1), _line(shop["TEE"], 5), _line(shop["TEE"], 4))
    refused = _move(api, shop, order["id"], status="paid")
    assert refused.status_code == 409, refused.text
    assert refused.json()["detail"] == f"not enough stock of product {shop['TEE']}: 9 wanted, 8 in stock"
    assert api.client.get(f"{ORDERS}/{order['id']}", headers=shop["acme_owner"]).json()["status"] == "pending"
    recorded = api.client.post(
        ORDERS,
        json={"customer_email": "bo@example.com", "status": "delivered", "lines": [_line(shop["MUG"], 5)]},
        headers=shop["acme_owner"],
    )
    assert recorded.status_code == 409, recorded.text
    assert recorded.json()["detail"] == f"not enough stock of product {shop['MUG']}: 5 wanted, 4 in stock"
    assert api.client.get(ORDERS, headers=shop["acme_owner"]).json()["total"] == 1
    assert _stock(api, shop) == {("TEE", "main"): 5, ("TEE", "store-2"): 3, ("MUG", "main"): 4}
    assert _inventory(api, shop) == STOCKED
    revenue = figures(api.stats(VENDOR, shop["acme_owner"]), "orders")["orders.total_revenue"]
    assert revenue == 1_000  # the pending order's 10 lines at 1.00; the refused one left nothing


@needs_inventory
def test_refunds_restock_only_when_asked_and_only_once(
    api: Api, shop: dict[str, Any], container: Container
) -> None:
    order = _order(api, shop, "shipped", _line(shop["MUG"], 4, 500))  # recorded shipped: paid, so taken
    assert _stock(api, shop)[("MUG", "main")] == 0
    assert _inventory(api, shop)["inventory.out_of_stock_products"] == 1
    kept = _refund(api, shop, order["id"], amount_cents=500)
    assert (kept.status_code, kept.json()["restocked_units"]) == (201, 0)
    assert _stock(api, shop)[("MUG", "main")] == 0
    restocked = _refund(api, shop, order["id"], amount_cents=500, restock=True)
    assert (restocked.status_code, restocked.json()["restocked_units"]) == (201, 4)
    assert _stock(api, shop)[("MUG", "main")] == 4
    again = _refund(api, shop, order["id"], amount_cents=500, restock=True)
    assert (again.status_code, again.json()["restocked_units"]) == (201, 0)  # once per order
    moved = _move(api, shop, order["id"], status="refunded", restock=True)
    assert (moved.status_code, moved.json()["status"]) == (200, "refunded")
    assert _stock(api, shop) == {("TEE", "main"): 5, ("TEE", "store-2"): 3, ("MUG", "main"): 4}
    assert _inventory(api, shop) == STOCKED
    other = _order(api, shop, "paid", _line(shop["TEE"], 7))
    assert _stock(api, shop)[("TEE", "store-2")] == 1
    refunded = _move(api, shop, other["id"], status="refunded", restock=True)
    assert refunded.status_code == 200, refunded.text
    assert _stock(api, shop) == {("TEE", "main"): 5, ("TEE", "store-2"): 3, ("MUG", "main"): 4}
    assert _inventory(api, shop) == STOCKED
    assert _moves(container) == 3  # MUG at main; TEE at main and at store-2


def test_restock_belongs_to_a_move_to_refunded_only(api: Api, shop: dict[str, Any]) -> None:
    order = _order(api, shop, "paid", _line(None, 1))
    refused = _move(api, shop, order["id"], status="shipped", restock=True)
    assert refused.status_code == 400, refused.text
    assert refused.json()["detail"] == "restock: only a move to refunded puts units back: leave restock out"


@needs_inventory
def test_a_refund_without_restock_leaves_a_refunded_order_out_of_stock(
    api: Api, shop: dict[str, Any]
) -> None:
    order = _big_order(api, shop, "paid")
    moved = _move(api, shop, order["id"], status="refunded")
    assert moved.status_code == 200, moved.text
    assert _stock(api, shop) == {("TEE", "main"): 0, ("TEE", "store-2"): 2, ("MUG", "main"): 3}
    assert _inventory(api, shop)["inventory.units_in_stock"] == 5


@needs_inventory
def test_two_payments_for_the_last_unit_one_wins(
    api: Api, shop: dict[str, Any], container: Container
) -> None:
    service, vendor = container.orders.order_service(), shop["acme"]
    for round_ in range(3):
        last = int(
            api.post(PRODUCTS, shop["acme_owner"], sku=f"LAST-{round_}", title="Last", price_cents=700)["id"]
        )
        api.post(STOCK, shop["acme_owner"], product_id=last, quantity=1)
        orders = [_order(api, shop, "pending", _line(last, 1))["id"] for _ in range(2)]
        start = threading.Barrier(2, timeout=30)
        answers: list[Any] = []

        def pay(order_id: int, barrier: threading.Barrier = start, answers: list[Any] = answers) -> None:
            barrier.wait()
            try:
                answers.append(service.move(vendor, order_id, OrderMove(status="paid")))
            except ConflictError as error:
                answers.append(error)

        run_together(*(lambda order_id=order_id: pay(order_id) for order_id in orders))
        assert sorted(type(answer).__name__ for answer in answers) == ["ConflictError", "OrderOut"]
        statuses = sorted(
            api.client.get(f"{ORDERS}/{o}", headers=shop["acme_owner"]).json()["status"] for o in orders
        )
        assert statuses == ["paid", "pending"]
        assert [
            s["quantity"]
            for s in api.client.get(STOCK, params={"product_id": last}, headers=shop["acme_owner"]).json()[
                "items"
            ]
        ] == [0]
    assert _inventory(api, shop)["inventory.out_of_stock_products"] == 3


def test_with_inventory_off_for_the_platform_orders_move_no_stock(
    api: Api, shop: dict[str, Any], container: Container
) -> None:
    """Off for the platform here, or (as the removability matrix runs this file) off or deleted."""
    if INVENTORY_ON:
        _switch_inventory(api, shop, enabled=False)
    order = _big_order(api, shop)
    for status in ("paid", "cancelled"):
        moved = _move(api, shop, order["id"], status=status)
        assert (moved.status_code, moved.json()["status"]) == (200, status)
    recorded = _big_order(api, shop, "delivered")
    refunded = _refund(api, shop, recorded["id"], amount_cents=100, restock=True)
    assert (refunded.status_code, refunded.json()["restocked_units"]) == (201, 0)
    assert _moves(container) == 0
    if INVENTORY_ON:
        _switch_inventory(api, shop, enabled=True)
        assert _stock(api, shop) == {("TEE", "main"): 5, ("TEE", "store-2"): 3, ("MUG", "main"): 4}
        assert _inventory(api, shop) == STOCKED


@needs_inventory
def test_units_taken_while_inventory_was_on_go_back_once_it_is_on_again(
    api: Api, shop: dict[str, Any]
) -> None:
    """A restock while inventory is off puts nothing back and claims nothing: a later one still can."""
    order = _order(api, shop, "paid", _line(shop["MUG"], 2))
    _switch_inventory(api, shop, enabled=False)
    refunded = _refund(api, shop, order["id"], amount_cents=100, restock=True)
    assert (refunded.status_code, refunded.json()["restocked_units"]) == (201, 0)
    _switch_inventory(api, shop, enabled=True)
    assert _stock(api, shop)[("MUG", "main")] == 2
    again = _refund(api, shop, order["id"], amount_cents=100, restock=True)
    assert (again.status_code, again.json()["restocked_units"]) == (201, 2)
    assert _stock(api, shop)[("MUG", "main")] == 4


@needs_inventory
def test_inventory_off_in_settings_leaves_orders_as_they_were(make_container: Any) -> None:
    container: Container = make_container({"modules": {"inventory": {"enabled": False}}})
    assert list(container.orders.all_stock_levels()) == []
    with TestClient(create_app(container), base_url="http://testserver.local") as client:
        api = Api(client, container)
        world = api.three_vendors()
        product = int(api.post(PRODUCTS, world["acme_owner"], sku="TEE", title="Tee", price_cents=900)["id"])
        order = _order(api, world | {"TEE": product}, "paid", _line(product, 3))
        cancelled = _move(api, world, order["id"], status="cancelled")
        assert (cancelled.status_code, cancelled.json()["status"]) == (200, "cancelled")
    assert _moves(container) == 0


def _switch_inventory(api: Api, shop: dict[str, Any], *, enabled: bool) -> None:
    path = f"/api/v1/admin/platforms/{shop['main']}/modules/inventory"
    response = api.client.put(path, json={"enabled": enabled}, headers=shop["root"])
    assert response.status_code == 200, response.text
