"""Orders' figures through the real API on both databases: every number is worked out by hand.

Today is 2026-06-15 (UTC). The default 30-day window is 2026-05-17..2026-06-15 and the previous
window 2026-04-17..2026-05-16, both days included.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.api import Api, figures, trends
from tests.fakes.clock import FrozenClock

VENDOR = "/api/v1/vendor/dashboard/stats"
ADMIN = "/api/v1/admin/dashboard/stats"
TODAY = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)

# (when, cents, status) per vendor
ACME = [
    (datetime(2026, 3, 1, 10, 0), 10000, "paid", "ann@x.test"),  # before both windows
    (datetime(2026, 5, 1, 10, 0), 2500, "paid", "ann@x.test"),  # previous window
    (datetime(2026, 5, 10, 10, 0), 1500, "cancelled", "ann@x.test"),  # previous window, no revenue
    (
        datetime(2026, 5, 16, 23, 59, 59),
        1000,
        "delivered",
        "bob@x.test",
    ),  # last second of the previous window
    (datetime(2026, 5, 17, 0, 0, 0), 1999, "paid", "bob@x.test"),  # first second of this window
    (datetime(2026, 6, 15, 9, 0), 3001, "pending", "cy@x.test"),
    (datetime(2026, 6, 15, 9, 30), 700, "refunded", "dee@x.test"),  # no revenue
]
BOLT = [
    (datetime(2026, 6, day, 8, 0), cents, "paid", "c@x.test") for day, cents in ((1, 333), (2, 334), (3, 333))
]
CRUX = [(datetime(2026, 6, 10, 8, 0), 99999, "paid", "c@x.test")]


@pytest.fixture
def world(api: Api, clock: FrozenClock) -> dict[str, dict[str, str] | int]:
    """Two platforms; acme on main, bolt on main and eu, crux on eu; each with its orders."""
    root = api.super_admin()
    main = api.platform(root, "main", "main.test")
    eu = api.platform(root, "eu", "eu.test")
    acme = api.vendor(root, "acme", [main])
    bolt = api.vendor(root, "bolt", [main, eu])
    crux = api.vendor(root, "crux", [eu])
    owners = {
        name: api.user(root, f"owner@{name}.test", "vendor_owner", vendor_id=vendor_id)
        for name, vendor_id in (("acme", acme), ("bolt", bolt), ("crux", crux))
    }
    for name, orders in (("acme", ACME), ("bolt", BOLT), ("crux", CRUX)):
        for when, cents, status, email in orders:
            clock.set(when.replace(tzinfo=UTC))
            api.order(owners[name], cents, status, email=email)
    clock.set(TODAY)
    main_admin = api.user(root, "admin@main.test", "platform_admin", platform_id=main)
    return {
        "root": root,
        "main": main,
        "eu": eu,
        "acme": acme,
        "bolt": bolt,
        "crux": crux,
        "main_admin": main_admin,
        **{f"{name}_owner": headers for name, headers in owners.items()},
    }


def test_vendor_dashboard_counts_revenue_average_and_windows(api: Api, world: dict) -> None:
    dashboard = api.stats(VENDOR, world["acme_owner"], include_trends="true")
    assert figures(dashboard, "orders") == {
        "orders.total": 7,
        "orders.total_revenue": 18500,  # 10000 + 2500 + 1000 + 1999 + 3001: cancelled and refunded excluded
        "orders.average_order_value": 3700,  # 18500 / 5 revenue orders
        "orders.pending": 1,
        "orders.awaiting_shipment": 3,  # the three paid orders
        "orders.customers_with_orders": 4,  # ann, bob, cy and dee
        "orders.repeat_customers": 2,  # ann (3 orders) and bob (2); cy and dee ordered once
        "orders.period_orders": 3,
        "orders.period_revenue": 5000,
        "orders.period_net_revenue": 5000,  # 1999 + 3001 + 700 placed, less dee's 700 given back
        "orders.period_cancellation_rate": 0.0,
        "orders.period_units": 0,  # no order has lines
        "orders.period_refunds": 1,  # dee's order, recorded refunded on June 15th
        "orders.period_refunded": 700,
    }
    assert trends(dashboard, "orders") == {
        "orders.total": (None, None),
        "orders.total_revenue": (None, None),
        "orders.average_order_value": (None, None),
        "orders.pending": ("up", None),  # cy's came in today: none when the period began
        "orders.awaiting_shipment": ("up", 50.0),  # 3 against 2: bob's of May 17th came in
        "orders.customers_with_orders": (None, None),
        "orders.repeat_customers": (None, None),
        "orders.period_orders": ("stable", 0.0),  # 3 against 3
        "orders.period_revenue": ("up", 42.9),  # 5000 against 3500
        "orders.period_net_revenue": ("up", 42.9),  # 5000 against 2500 + 1000 (cancelled left out)
        "orders.period_cancellation_rate": ("down", -100.0),  # 0 against 1 of 3, 33.3
        "orders.period_units": ("stable", 0.0),
        "orders.period_refunds": ("up", None),  # 1 against none
        "orders.period_refunded": ("up", None),
    }
    assert dashboard["vendor_id"] == world["acme"]
    assert dashboard["unavailable"] == []
    assert dashboard["period"] == {
        "name": "30d",
        "date_from": "2026-05-17",
        "date_to": "2026-06-15",
        "days": 30,
        "previous_date_from": "2026-04-17",
        "previous_date_to": "2026-05-16",
    }
    assert dashboard["generated_at"] == "2026-06-15T12:00:00Z"


def test_money_is_exact_and_the_average_rounds_half_up(api: Api, world: dict) -> None:
    bolt = figures(api.stats(VENDOR, world["bolt_owner"]), "orders")
    assert (bolt["orders.total_revenue"], bolt["orders.average_order_value"]) == (1000, 333)  # 333.33 -> 333
    main = figures(api.stats(ADMIN, world["root"], platform_id=world["main"]), "orders")
    assert (main["orders.total_revenue"], main["orders.average_order_value"]) == (
        19500,
        2438,
    )  # 2437.5 -> 2438


def test_without_trends_no_trend_is_reported(api: Api, world: dict) -> None:
    dashboard = api.stats(VENDOR, world["acme_owner"])
    assert {trend for trend, _ in trends(dashboard, "orders").values()} == {None}
    assert dashboard["period"]["previous_date_from"] is None


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"period": "7d"}, (2, 3001, "2026-06-09", "2026-06-15")),
        ({"period": "2w"}, (2, 3001, "2026-06-02", "2026-06-15")),
        ({"period": "3m"}, (6, 8500, "2026-03-16", "2026-06-15")),
        ({"date_from": "2026-05-01", "date_to": "2026-05-16"}, (3, 3500, "2026-05-01", "2026-05-16")),
        ({"date_to": "2026-05-16", "period": "1d"}, (1, 1000, "2026-05-16", "2026-05-16")),
        ({"date_from": "2026-05-17"}, (3, 5000, "2026-05-17", "2026-06-15")),
    ],
)
def test_period_windows(api: Api, world: dict, params: dict, expected: tuple) -> None:
    dashboard = api.stats(VENDOR, world["acme_owner"], **params)
    numbers = figures(dashboard, "orders")
    period = dashboard["period"]
    assert (
        numbers["orders.period_orders"],
        numbers["orders.period_revenue"],
        period["date_from"],
        period["date_to"],
    ) == expected
    assert numbers["orders.total"] == 7  # all-time figures ignore the window


def test_trend_against_an_empty_previous_period_has_no_percentage(api: Api, world: dict) -> None:
    dashboard = api.stats(
        VENDOR, world["acme_owner"], date_from="2026-05-01", date_to="2026-05-16", include_trends="true"
    )
    assert trends(dashboard, "orders")["orders.period_orders"] == ("up", None)
    assert dashboard["period"]["previous_date_from"] == "2026-04-15"
    assert dashboard["period"]["previous_date_to"] == "2026-04-30"


def test_platform_dashboard_counts_only_vendors_active_on_that_platform(api: Api, world: dict) -> None:
    main = api.stats(ADMIN, world["root"], platform_id=world["main"], include_trends="true")
    assert figures(main, "orders") == {
        "orders.total": 10,
        "orders.total_revenue": 19500,
        "orders.average_order_value": 2438,
        "orders.pending": 1,
        "orders.awaiting_shipment": 6,  # acme's three paid orders and bolt's three
        "orders.customers_with_orders": 5,  # acme's four and bolt's c
        "orders.repeat_customers": 3,  # ann, bob (acme) and c (bolt, 3 orders)
        "orders.period_orders": 6,
        "orders.period_revenue": 6000,
        "orders.period_net_revenue": 6000,
        "orders.period_cancellation_rate": 0.0,
        "orders.period_units": 0,
        "orders.period_refunds": 1,  # acme's (dee); bolt refunded nothing
        "orders.period_refunded": 700,
    }
    assert trends(main, "orders")["orders.period_orders"] == ("up", 100.0)  # 6 against 3
    assert trends(main, "orders")["orders.period_revenue"] == ("up", 71.4)  # 6000 against 3500
    eu = api.stats(ADMIN, world["root"], platform_id=world["eu"])
    assert figures(eu, "orders")["orders.total_revenue"] == 100999  # bolt 1000 + crux 99999
    assert figures(eu, "orders")["orders.repeat_customers"] == 1  # c ordered at bolt and at crux
    assert figures(eu, "orders")["orders.pending"] == 0

    # bolt leaves main, crux is deactivated: their orders stop counting there
    response = api.client.delete(
        f"/api/v1/admin/platforms/{world['main']}/vendors/{world['bolt']}", headers=world["root"]
    )
    assert response.status_code == 200
    response = api.client.patch(
        f"/api/v1/admin/vendors/{world['crux']}", json={"is_active": False}, headers=world["root"]
    )
    assert response.status_code == 200
    main = figures(api.stats(ADMIN, world["root"], platform_id=world["main"]), "orders")
    assert (main["orders.total"], main["orders.total_revenue"]) == (7, 18500)
    eu = figures(api.stats(ADMIN, world["root"], platform_id=world["eu"]), "orders")
    assert (eu["orders.total"], eu["orders.total_revenue"]) == (3, 1000)


def test_platform_admin_sees_its_own_platform_without_naming_it(api: Api, world: dict) -> None:
    dashboard = api.stats(ADMIN, world["main_admin"])
    assert dashboard["platform_id"] == world["main"]
    assert figures(dashboard, "orders")["orders.total"] == 10


def test_orders_are_listed_newest_first_for_the_signed_in_vendor_only(api: Api, world: dict) -> None:
    response = api.client.get("/api/v1/vendor/orders", params={"limit": 2}, headers=world["acme_owner"])
    assert response.status_code == 200
    page = response.json()
    assert (page["total"], page["limit"], page["offset"]) == (7, 2, 0)
    assert [order["total_cents"] for order in page["items"]] == [700, 3001]
    paid = api.client.get(
        "/api/v1/vendor/orders", params={"status": "paid"}, headers=world["acme_owner"]
    ).json()
    assert sorted(order["total_cents"] for order in paid["items"]) == [1999, 2500, 10000]
    bolt = api.client.get("/api/v1/vendor/orders", headers=world["bolt_owner"]).json()
    assert {order["vendor_id"] for order in bolt["items"]} == {world["bolt"]}
    assert bolt["total"] == 3


def test_a_new_order_is_stamped_by_the_server_and_counted_at_once(
    api: Api, world: dict, clock: FrozenClock
) -> None:
    created = api.order(world["crux_owner"], 1, "paid", email="Someone@Example.COM")
    assert created["created_at"] == "2026-06-15T12:00:00Z"
    assert created["customer_email"] == "someone@example.com"
    assert created["currency"] == "EUR"
    numbers = figures(api.stats(VENDOR, world["crux_owner"]), "orders")
    assert (
        numbers["orders.total"],
        numbers["orders.total_revenue"],
        numbers["orders.average_order_value"],
    ) == (
        2,
        100000,
        50000,
    )
