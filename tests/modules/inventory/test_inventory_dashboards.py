"""Inventory's figures through the real API on both databases: every number is worked out by hand.

Stock is a snapshot, so the figures are the same whatever period the dashboard covers, and carry
no trend. Value is units times the product's current catalog price, in cents.

    vendor  product  price          stock rows (location: quantity / threshold)   total / thresholds
    acme    A1       250            main 10/5, store-2 0/3                        10 / 8   plenty
    acme    A2       1000           main 2/3                                      2 / 3    low
    acme    A3       9999           main 0/1, store-2 0/0                         0 / 1    out
    acme    A4       50             (no stock rows)                               -        neither
    acme    A5       1              main 4/4                                      4 / 4    low (equal)
    bolt    B1       300            main 5/5                                      5 / 5    low
    crux    C1       10             main 0/0                                      0 / 0    out
    crux    C2       1_000_000_000  main 1_000_000/0  (both ceilings)             10^6 / 0 plenty
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.api import Api, figures, trends
from tests.modules.inventory.conftest import PRODUCTS, STOCK, add_product, add_stock

VENDOR = "/api/v1/vendor/dashboard/stats"
ADMIN = "/api/v1/admin/dashboard/stats"

# vendor -> [(sku, price, [(location, quantity, threshold), ...])]
SHOP: dict[str, list[tuple[str, int, list[tuple[str, int, int]]]]] = {
    "acme": [
        ("A1", 250, [("main", 10, 5), ("store-2", 0, 3)]),
        ("A2", 1000, [("main", 2, 3)]),
        ("A3", 9999, [("main", 0, 1), ("store-2", 0, 0)]),
        ("A4", 50, []),
        ("A5", 1, [("main", 4, 4)]),
    ],
    "bolt": [("B1", 300, [("main", 5, 5)])],
    "crux": [("C1", 10, [("main", 0, 0)]), ("C2", 1_000_000_000, [("main", 1_000_000, 0)])],
}


@pytest.fixture
def stocked(api: Api, world: dict[str, Any]) -> dict[str, Any]:
    """The world plus `product:<sku>` and `stock:<sku>@<location>` ids."""
    ids: dict[str, Any] = {}
    for vendor, products in SHOP.items():
        owner = world[f"{vendor}_owner"]
        for sku, price, rows in products:
            ids[f"product:{sku}"] = add_product(api, owner, sku, price)
            for location, quantity, threshold in rows:
                stock = add_stock(
                    api,
                    owner,
                    ids[f"product:{sku}"],
                    quantity,
                    location=location,
                    reorder_threshold=threshold,
                )
                ids[f"stock:{sku}@{location}"] = stock["id"]
    return {**world, **ids}


def _inventory(api: Api, headers: dict[str, str], **params: Any) -> dict[str, Any]:
    return figures(api.stats(VENDOR, headers, **params), "inventory")


def _platform(api: Api, world: dict[str, Any], platform: str) -> dict[str, Any]:
    return figures(api.stats(ADMIN, world["root"], platform_id=world[platform]), "inventory")


def test_vendor_dashboard_sums_units_value_and_flags_low_and_out(api: Api, stocked: dict) -> None:
    assert _inventory(api, stocked["acme_owner"]) == {
        "inventory.units_in_stock": 16,  # 10 + 0 + 2 + 0 + 0 + 4
        "inventory.low_stock_products": 2,  # A2 (2 <= 3), A5 (4 <= 4)
        "inventory.out_of_stock_products": 1,  # A3; A4 has no stock rows at all
        "inventory.stock_value": 4504,  # 10*250 + 2*1000 + 0*9999 + 4*1
    }
    assert _inventory(api, stocked["bolt_owner"]) == {
        "inventory.units_in_stock": 5,
        "inventory.low_stock_products": 1,
        "inventory.out_of_stock_products": 0,
        "inventory.stock_value": 1500,
    }


def test_value_is_exact_at_the_ceilings(api: Api, stocked: dict) -> None:
    assert _inventory(api, stocked["crux_owner"]) == {
        "inventory.units_in_stock": 1_000_000,
        "inventory.low_stock_products": 0,  # C2 has a threshold of 0
        "inventory.out_of_stock_products": 1,  # C1
        "inventory.stock_value": 1_000_000_000_000_000,  # 10^6 units * 10^9 cents
    }


def test_stock_value_is_in_cents_and_no_figure_has_a_trend(api: Api, stocked: dict) -> None:
    dashboard = api.stats(VENDOR, stocked["acme_owner"], include_trends="true")
    units = {metric["key"]: metric["unit"] for metric in dashboard["categories"]["inventory"]}
    assert units["inventory.stock_value"] == "cents"
    assert units["inventory.units_in_stock"] == "count"
    assert {trend for trend, _ in trends(dashboard, "inventory").values()} == {None}


@pytest.mark.parametrize(
    "params",
    [{"period": "7d"}, {"period": "1y"}, {"date_from": "2025-01-01", "date_to": "2025-01-31"}],
)
def test_the_period_does_not_change_a_snapshot(api: Api, stocked: dict, params: dict) -> None:
    assert _inventory(api, stocked["acme_owner"], **params) == _inventory(api, stocked["acme_owner"])


def test_platform_dashboard_counts_only_vendors_active_on_that_platform(api: Api, stocked: dict) -> None:
    assert _platform(api, stocked, "main") == {  # acme and bolt
        "inventory.units_in_stock": 21,
        "inventory.low_stock_products": 3,
        "inventory.out_of_stock_products": 1,
        "inventory.stock_value": 6004,
    }
    assert _platform(api, stocked, "eu") == {  # bolt and crux
        "inventory.units_in_stock": 1_000_005,
        "inventory.low_stock_products": 1,
        "inventory.out_of_stock_products": 1,
        "inventory.stock_value": 1_000_000_000_001_500,
    }

    # bolt leaves main, crux is switched off: their stock stops counting there
    response = api.client.delete(
        f"/api/v1/admin/platforms/{stocked['main']}/vendors/{stocked['bolt']}", headers=stocked["root"]
    )
    assert response.status_code == 200
    response = api.client.patch(
        f"/api/v1/admin/vendors/{stocked['crux']}", json={"is_active": False}, headers=stocked["root"]
    )
    assert response.status_code == 200
    assert _platform(api, stocked, "main") == {
        "inventory.units_in_stock": 16,
        "inventory.low_stock_products": 2,
        "inventory.out_of_stock_products": 1,
        "inventory.stock_value": 4504,
    }
    assert _platform(api, stocked, "eu") == {
        "inventory.units_in_stock": 5,
        "inventory.low_stock_products": 1,
        "inventory.out_of_stock_products": 0,
        "inventory.stock_value": 1500,
    }


def test_adjustments_and_price_changes_move_the_figures_at_once(api: Api, stocked: dict) -> None:
    owner = stocked["acme_owner"]
    for stock, delta in ((stocked["stock:A2@main"], 10), (stocked["stock:A1@main"], -10)):
        response = api.client.post(f"{STOCK}/{stock}/adjust", json={"delta": delta}, headers=owner)
        assert response.status_code == 200, response.text
    response = api.client.patch(
        f"{PRODUCTS}/{stocked['product:A5']}", json={"price_cents": 125}, headers=owner
    )
    assert response.status_code == 200
    assert _inventory(api, owner) == {
        "inventory.units_in_stock": 16,  # A1 0, A2 12, A5 4
        "inventory.low_stock_products": 1,  # A5; A2 (12 > 3) is no longer low
        "inventory.out_of_stock_products": 2,  # A1 (0 over both locations) and A3
        "inventory.stock_value": 12500,  # 12*1000 + 4*125
    }


def test_a_vendor_without_stock_sees_zeros(api: Api, world: dict) -> None:
    assert _inventory(api, world["acme_owner"]) == {
        "inventory.units_in_stock": 0,
        "inventory.low_stock_products": 0,
        "inventory.out_of_stock_products": 0,
        "inventory.stock_value": 0,
    }
