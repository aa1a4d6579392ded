"""An approved import's quantities become stock through inventory's `StockLevels` contract, on both
databases, through the real API; with inventory off the products are still published and the job says
the quantities were not applied. Worked out by hand (acme, on platform main):

    sku     before (price; stock main, store-2)   file (price, quantity)   after (stock main, store-2)
    MUG-1   -                                     12.34, 5                 5/0 (new row)
    MUG-2   5.00; 9/4, 3/1                        0.99, 0                  0/4 (threshold kept), 3/1
    TEA-3   5.00; 7/2                             6.00, (empty)            7/2 (untouched)
    NEW-5   -                                     1.00, 0                  0/0 (new row)

so 3 stock rows set; units 5 + 3 + 7 = 15; low: MUG-2 (3 units, thresholds 4 + 1); out: NEW-5;
value 5 * 1234 + 3 * 99 + 7 * 600 = 10667 cents.

Tests that need inventory (on, or switched off and on here) skip when the removability matrix took it
away; what must hold without it is asserted whichever way the matrix runs.
"""

from __future__ import annotations

from typing import Any

import pytest
from dependency_injector import providers
from litestar.testing import TestClient
from sqlalchemy import func, select, table
from sqlalchemy.orm import Session

from adapters.container import Container
from adapters.http.app import create_app
from contracts.stock import StockCount, StockLevels
from kernel.errors import ConflictError
from tests.api import Api, figures
from tests.modules.marketplace.uploads import INVENTORY_ON, NOT_APPLIED, approve, get, imported

PRODUCTS, STOCK = "/api/v1/vendor/catalog/products", "/api/v1/vendor/inventory/stock"
FILE = (
    "sku,title,price,quantity\n"
    "MUG-1,Blue mug,12.34,5\n"
    "MUG-2,Red mug,0.99,0\n"
    "TEA-3,Teapot,6.00,\n"  # no quantity: stock untouched
    "NEW-5,New,1,0\n"
)
needs_inventory = pytest.mark.skipif(not INVENTORY_ON, reason="the removability matrix took inventory away")


def _product(api: Api, owner: dict[str, str], sku: str, *stock: tuple[str, int, int]) -> int:
    product_id = int(api.post(PRODUCTS, owner, sku=sku, title=sku, price_cents=500)["id"])
    for location, quantity, threshold in stock:
        api.post(
            STOCK,
            owner,
            product_id=product_id,
            location=location,
            quantity=quantity,
            reorder_threshold=threshold,
        )
    return product_id


def _stock(api: Api, owner: dict[str, str]) -> dict[tuple[int, str], tuple[int, int]]:
    items = _get(api, STOCK, owner)["items"]
    return {(s["product_id"], s["location"]): (s["quantity"], s["reorder_threshold"]) for s in items}


def _get(api: Api, path: str, headers: dict[str, str], **params: Any) -> Any:
    response = api.client.get(path, params={"limit": 100, **params}, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def _skus(api: Api, owner: dict[str, str]) -> dict[str, int]:
    return {p["sku"]: p["id"] for p in _get(api, PRODUCTS, owner)["items"]}


@needs_inventory
def test_quantities_become_stock_at_main_and_the_dashboards_are_exact(api: Api, world: dict) -> None:
    owner = world["acme_owner"]
    mug2 = _product(api, owner, "MUG-2", ("main", 9, 4), ("store-2", 3, 1))
    tea3 = _product(api, owner, "TEA-3", ("main", 7, 2))
    job = imported(api, owner, FILE)
    response = approve(api, owner, job["id"])
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["created"], body["updated"], body["stock_rows_set"]) == (2, 2, 3)
    assert (body["job"]["stock_rows_set"], body["job"]["approval_note"]) == (3, None)
    assert [p["quantity"] for p in body["products"]] == [5, 0, None, 0]
    skus = _skus(api, owner)
    assert _stock(api, owner) == {
        (skus["MUG-1"], "main"): (5, 0),
        (mug2, "main"): (0, 4),
        (mug2, "store-2"): (3, 1),
        (tea3, "main"): (7, 2),
        (skus["NEW-5"], "main"): (0, 0),
    }
    expected = {
        "inventory.units_in_stock": 15,
        "inventory.low_stock_products": 1,
        "inventory.out_of_stock_products": 1,
        "inventory.stock_value": 10667,
    }
    assert figures(api.stats("/api/v1/vendor/dashboard/stats", owner), "inventory") == expected
    platform = api.stats("/api/v1/admin/dashboard/stats", world["root"], platform_id=world["main"])
    assert figures(platform, "inventory") == expected  # acme is the only vendor on main with stock
    assert get(api, owner, f"/{job['id']}")["stock_rows_set"] == 3


def test_rows_without_a_quantity_leave_stock_alone_and_need_no_note(api: Api, world: dict) -> None:
    owner = world["acme_owner"]
    stocked = _product(api, owner, "TEA-3", ("main", 7, 2)) if INVENTORY_ON else None
    job = imported(api, owner, "sku,title,price\nTEA-3,Teapot,6.00\nCUP-4,Cup,1\n")
    body = approve(api, owner, job["id"]).json()
    assert (body["stock_rows_set"], body["job"]["stock_rows_set"], body["job"]["approval_note"]) == (
        0,
        0,
        None,
    )
    if INVENTORY_ON:
        assert _stock(api, owner) == {(stocked, "main"): (7, 2)}


def test_without_inventory_the_products_are_published_and_the_job_says_why(api: Api, world: dict) -> None:
    """Off in settings, for the platform or deleted, as the removability matrix runs this file; with
    inventory on, by switching it off for platform main here."""
    owner = world["acme_owner"]
    if INVENTORY_ON:
        _switch_inventory(api, world, enabled=False)
    job = imported(api, owner, FILE)
    body = approve(api, owner, job["id"]).json()
    assert (body["created"], body["stock_rows_set"]) == (4, 0)
    assert (body["job"]["stock_rows_set"], body["job"]["approval_note"]) == (0, NOT_APPLIED)
    assert get(api, owner, f"/{job['id']}")["approval_note"] == NOT_APPLIED
    assert set(_skus(api, owner)) == {"MUG-1", "MUG-2", "TEA-3", "NEW-5"}
    if INVENTORY_ON:
        _switch_inventory(api, world, enabled=True)
        assert _stock(api, owner) == {}


def _switch_inventory(api: Api, world: dict, *, enabled: bool) -> None:
    path = f"/api/v1/admin/platforms/{world['main']}/modules/inventory"
    response = api.client.put(path, json={"enabled": enabled}, headers=world["root"])
    assert response.status_code == 200, response.text


@needs_inventory
def test_inventory_off_in_settings_publishes_without_stock(make_container: Any) -> None:
    container: Container = make_container({"modules": {"inventory": {"enabled": False}}})
    with TestClient(create_app(container), base_url="http://testserver.local") as client:
        api = Api(client, container)
        world = api.three_vendors()
        job = imported(api, world["acme_owner"], FILE)
        body = approve(api, world["acme_owner"], job["id"]).json()
    assert (body["created"], body["stock_rows_set"], body["job"]["approval_note"]) == (4, 0, NOT_APPLIED)
    with container.session_factory()() as session:
        assert session.scalar(select(func.count()).select_from(table("stock_levels"))) == 0


class _SetThenFail:
    """Sets the stock for real in the approval's session, then fails: nothing of it may remain."""

    def __init__(self, real: StockLevels) -> None:
        self._real = real
        self.module_code = real.module_code

    def set_quantities(self, db: Session, vendor_id: int, counts: list[StockCount]) -> int:
        assert self._real.set_quantities(db, vendor_id, counts) == 3
        raise ConflictError("the stock refused the batch")


@needs_inventory
def test_a_failing_stock_write_rolls_the_whole_approval_back(api: Api, world: dict) -> None:
    owner = world["acme_owner"]
    mug2 = _product(api, owner, "MUG-2", ("main", 9, 4))
    real: list[StockLevels] = api.container.all_stock_levels()
    api.container.all_stock_levels.override(providers.List(providers.Object(_SetThenFail(real[0]))))
    job = imported(api, owner, FILE)
    dashboard = api.stats("/api/v1/vendor/dashboard/stats", owner)
    response = approve(api, owner, job["id"])
    assert response.status_code == 409
    assert response.json()["detail"] == "the stock refused the batch"
    assert set(_skus(api, owner)) == {"MUG-2"}
    assert _stock(api, owner) == {(mug2, "main"): (9, 4)}
    after = get(api, owner, f"/{job['id']}")
    assert (after["approved_at"], after["stock_rows_set"], after["approval_note"]) == (None, None, None)
    assert {row["status"] for row in get(api, owner, f"/{job['id']}/rows")["items"]} == {"staged"}
    again = api.stats("/api/v1/vendor/dashboard/stats", owner)
    assert again["categories"] == dashboard["categories"]


@needs_inventory
def test_the_root_hands_marketplace_the_keeper_of_an_enabled_inventory_only(
    container: Container, make_container: Any
) -> None:
    [keeper] = container.all_stock_levels()
    assert isinstance(keeper, StockLevels)
    assert keeper.module_code == "inventory"
    assert list(make_container({"modules": {"inventory": {"enabled": False}}}).all_stock_levels()) == []
