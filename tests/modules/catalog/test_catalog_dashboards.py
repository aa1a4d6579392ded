"""Catalog's figures through the real API on both databases: every number is worked out by hand.

Today is 2026-06-15 (UTC). The default 30-day window is 2026-05-17..2026-06-15 and the previous
window 2026-04-17..2026-05-16, both days included. "Featured" counts products that are both active
and featured: an inactive product is not on show, whatever its flag says.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from tests.api import Api, figures, trends
from tests.fakes.clock import FrozenClock
from tests.modules.catalog.conftest import add_product

VENDOR = "/api/v1/vendor/dashboard/stats"
ADMIN = "/api/v1/admin/dashboard/stats"
TODAY = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)

# (created, sku, is_active, is_featured) per vendor
ACME = [
    (datetime(2026, 3, 1, 10, 0), "A-OLD", True, False),  # before both windows
    (datetime(2026, 5, 1, 10, 0), "A-PREV1", True, True),  # previous window
    (datetime(2026, 5, 16, 23, 59, 59), "A-PREV2", False, True),  # last second of the previous window
    (datetime(2026, 5, 17, 0, 0, 0), "A-NOW1", True, True),  # first second of this window
    (datetime(2026, 6, 15, 9, 0), "A-NOW2", True, False),
    (datetime(2026, 6, 15, 9, 30), "A-NOW3", False, False),
]
BOLT = [(datetime(2026, 6, day, 8, 0), f"B-{day}", True, day == 2) for day in (1, 2, 3)]
CRUX = [(datetime(2026, 6, 10, 8, 0), "C-1", True, True)]


@pytest.fixture
def shop(api: Api, world: dict[str, Any], clock: FrozenClock) -> dict[str, Any]:
    for name, products in (("acme", ACME), ("bolt", BOLT), ("crux", CRUX)):
        for when, sku, active, featured in products:
            clock.set(when.replace(tzinfo=UTC))
            add_product(api, world[f"{name}_owner"], sku, is_active=active, is_featured=featured)
    clock.set(TODAY)
    return world


def test_vendor_dashboard_counts_products_and_new_ones_in_the_window(api: Api, shop: dict) -> None:
    dashboard = api.stats(VENDOR, shop["acme_owner"], include_trends="true")
    assert figures(dashboard, "catalog") == {
        "catalog.products_total": 6,
        "catalog.products_active": 4,  # A-OLD, A-PREV1, A-NOW1, A-NOW2
        "catalog.products_featured": 2,  # A-PREV1, A-NOW1; A-PREV2 is featured but inactive
        "catalog.new_in_period": 3,  # A-NOW1 (first second), A-NOW2, A-NOW3
    }
    assert trends(dashboard, "catalog") == {
        "catalog.products_total": (None, None),
        "catalog.products_active": (None, None),
        "catalog.products_featured": (None, None),
        "catalog.new_in_period": ("up", 50.0),  # 3 against A-PREV1 and A-PREV2 (last second)
    }
    bolt = api.stats(VENDOR, shop["bolt_owner"], include_trends="true")
    assert figures(bolt, "catalog") == {
        "catalog.products_total": 3,
        "catalog.products_active": 3,
        "catalog.products_featured": 1,
        "catalog.new_in_period": 3,
    }
    assert trends(bolt, "catalog")["catalog.new_in_period"] == ("up", None)  # nothing the period before


def test_without_trends_no_trend_is_reported(api: Api, shop: dict) -> None:
    dashboard = api.stats(VENDOR, shop["acme_owner"])
    assert {trend for trend, _ in trends(dashboard, "catalog").values()} == {None}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"period": "7d"}, 2),  # 2026-06-09..06-15: A-NOW2, A-NOW3
        ({"date_from": "2026-05-01", "date_to": "2026-05-16"}, 2),  # A-PREV1, A-PREV2
        ({"date_to": "2026-05-16", "period": "1d"}, 1),  # A-PREV2 at 23:59:59
        ({"date_from": "2026-05-17", "date_to": "2026-05-17"}, 1),  # A-NOW1 at 00:00:00
        ({"period": "1y"}, 6),
    ],
)
def test_period_windows(api: Api, shop: dict, params: dict, expected: int) -> None:
    numbers = figures(api.stats(VENDOR, shop["acme_owner"], **params), "catalog")
    assert numbers["catalog.new_in_period"] == expected
    assert numbers["catalog.products_total"] == 6  # all-time figures ignore the window


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        # A-NOW1 (05-17 00:00:00) against A-PREV2 (05-16 23:59:59): the boundary splits them
        ({"date_from": "2026-05-17", "date_to": "2026-05-17"}, ("stable", 0.0)),
        # A-PREV2 against 05-15, which is empty
        ({"date_from": "2026-05-16", "date_to": "2026-05-16"}, ("up", None)),
        # nothing in 05-24..06-14 against A-PREV2 and A-NOW1 in 05-02..05-23
        ({"date_from": "2026-05-24", "date_to": "2026-06-14"}, ("down", -100.0)),
    ],
)
def test_new_products_trend_against_the_previous_window(
    api: Api, shop: dict, params: dict, expected: tuple
) -> None:
    dashboard = api.stats(VENDOR, shop["acme_owner"], include_trends="true", **params)
    assert trends(dashboard, "catalog")["catalog.new_in_period"] == expected


def test_platform_dashboard_counts_only_vendors_active_on_that_platform(api: Api, shop: dict) -> None:
    main = api.stats(ADMIN, shop["root"], platform_id=shop["main"], include_trends="true")
    assert figures(main, "catalog") == {  # acme and bolt
        "catalog.products_total": 9,
        "catalog.products_active": 7,
        "catalog.products_featured": 3,
        "catalog.new_in_period": 6,
    }
    assert trends(main, "catalog")["catalog.new_in_period"] == ("up", 200.0)  # 6 against 2
    eu = api.stats(ADMIN, shop["root"], platform_id=shop["eu"])
    assert figures(eu, "catalog") == {  # bolt and crux
        "catalog.products_total": 4,
        "catalog.products_active": 4,
        "catalog.products_featured": 2,
        "catalog.new_in_period": 4,
    }

    # bolt leaves main, crux is switched off: their products stop counting there
    response = api.client.delete(
        f"/api/v1/admin/platforms/{shop['main']}/vendors/{shop['bolt']}", headers=shop["root"]
    )
    assert response.status_code == 200
    response = api.client.patch(
        f"/api/v1/admin/vendors/{shop['crux']}", json={"is_active": False}, headers=shop["root"]
    )
    assert response.status_code == 200
    main_after = figures(api.stats(ADMIN, shop["root"], platform_id=shop["main"]), "catalog")
    assert (main_after["catalog.products_total"], main_after["catalog.products_featured"]) == (6, 2)
    eu_after = figures(api.stats(ADMIN, shop["root"], platform_id=shop["eu"]), "catalog")
    assert (eu_after["catalog.products_total"], eu_after["catalog.products_featured"]) == (3, 1)


def test_an_edit_moves_the_figures_at_once(api: Api, shop: dict) -> None:
    listed = api.client.get(
        "/api/v1/vendor/catalog/products", params={"is_active": "false"}, headers=shop["acme_owner"]
    ).json()
    prev2 = next(p for p in listed["items"] if p["sku"] == "A-PREV2")
    response = api.client.patch(
        f"/api/v1/vendor/catalog/products/{prev2['id']}", json={"is_active": True}, headers=shop["acme_owner"]
    )
    assert response.status_code == 200
    numbers = figures(api.stats(VENDOR, shop["acme_owner"]), "catalog")
    assert (numbers["catalog.products_active"], numbers["catalog.products_featured"]) == (5, 3)
