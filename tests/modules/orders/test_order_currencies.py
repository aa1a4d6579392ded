"""Orders in several currencies through the real API on both databases: each amount is in its own
currency's minor unit (JPY has none, BHD has three digits), and no figure ever adds two currencies.
The published names hold the dashboard owner's reporting currency; every other currency the shop
sold in gets the same figures under names ending in its code. Every number is worked out by hand."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from tests.api import Api, figures
from tests.fakes.clock import FrozenClock

ORDERS = "/api/v1/vendor/orders"
VENDOR = "/api/v1/vendor/dashboard/stats"
ADMIN = "/api/v1/admin/dashboard/stats"
PLACED = datetime(2026, 6, 10, 9, 0, tzinfo=UTC)
TODAY = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)

# acme reports in EUR (its platform's); it sells in four currencies
ACME = [
    (1999, "EUR", "paid"),  # 19.99 €
    (2500, "USD", "paid"),  # $25.00, of which $5.00 is refunded on June 12th
    (1500, "JPY", "paid"),  # ¥1,500: yen have no minor unit
    (800, "JPY", "pending"),  # ¥800
    (12345, "BHD", "paid"),  # 12.345 BD: three digits
]


@pytest.fixture
def shop(api: Api, clock: FrozenClock) -> dict[str, Any]:
    root = api.super_admin()
    main = api.platform(root, "main", "main.test")
    us = api.post("/api/v1/admin/platforms", root, slug="us", name="Us", domain="us.test", currency="USD")
    acme, bolt = api.vendor(root, "acme", [main]), api.vendor(root, "bolt", [us["id"]])
    owners = {
        f"{name}_owner": api.user(root, f"owner@{name}.test", "vendor_owner", vendor_id=vendor_id)
        for name, vendor_id in (("acme", acme), ("bolt", bolt))
    }
    clock.set(PLACED)
    ids = [
        api.order(owners["acme_owner"], cents, status, currency=code)["id"] for cents, code, status in ACME
    ]
    api.order(owners["bolt_owner"], 1000, "paid", currency="USD")
    clock.set(datetime(2026, 6, 12, 15, 0, tzinfo=UTC))
    refund = {"amount_cents": 500, "reason": "damaged"}
    assert (
        api.client.post(f"{ORDERS}/{ids[1]}/refunds", json=refund, headers=owners["acme_owner"]).status_code
        == 201
    )
    clock.set(TODAY)
    return {"root": root, "main": main, "us": us, "acme": acme, "bolt": bolt, **owners}


def _money(dashboard: dict[str, Any]) -> dict[str, Any]:
    return {
        key: value
        for key, value in figures(dashboard, "orders").items()
        if "revenue" in key or "average" in key or "refunded" in key
    }


def test_each_currency_has_its_own_figures_and_the_published_names_are_the_reporting_one(
    api: Api, shop: dict[str, Any]
) -> None:
    dashboard = api.stats(VENDOR, shop["acme_owner"])
    assert dashboard["currency"] == "EUR"
    assert _money(dashboard) == {
        "orders.total_revenue": 1999,
        "orders.average_order_value": 1999,
        "orders.period_revenue": 1999,
        "orders.period_net_revenue": 1999,
        "orders.period_refunded": 0,
        "orders.total_revenue_bhd": 12345,
        "orders.average_order_value_bhd": 12345,
        "orders.period_revenue_bhd": 12345,
        "orders.period_net_revenue_bhd": 12345,
        "orders.period_refunded_bhd": 0,
        "orders.total_revenue_jpy": 2300,  # ¥1,500 paid and ¥800 pending
        "orders.average_order_value_jpy": 1150,
        "orders.period_revenue_jpy": 2300,
        "orders.period_net_revenue_jpy": 2300,
        "orders.period_refunded_jpy": 0,
        "orders.total_revenue_usd": 2000,  # $25.00 less the $5.00 refunded
        "orders.average_order_value_usd": 2000,
        "orders.period_revenue_usd": 2000,
        "orders.period_net_revenue_usd": 2000,
        "orders.period_refunded_usd": 500,
    }
    counts = figures(dashboard, "orders")
    assert (counts["orders.total"], counts["orders.period_refunds"], counts["orders.pending"]) == (5, 1, 1)
    shown = {m["key"]: m for m in dashboard["categories"]["orders"]}
    assert (shown["orders.total_revenue_jpy"]["currency"], shown["orders.total_revenue_jpy"]["label"]) == (
        "JPY",
        "Revenue (JPY)",
    )
    assert (shown["orders.total_revenue"]["currency"], shown["orders.total"]["currency"]) == ("EUR", None)


def test_a_platform_reports_in_its_own_currency_and_a_vendor_in_its_first_platforms(
    api: Api, shop: dict[str, Any]
) -> None:
    us = api.stats(ADMIN, shop["root"], platform_id=shop["us"]["id"])
    assert (us["currency"], _money(us)["orders.total_revenue"], _money(us)["orders.period_net_revenue"]) == (
        "USD",
        1000,
        1000,
    )
    assert [key for key in _money(us) if key.endswith("_eur")] == []  # nothing sold in EUR there
    bolt = api.stats(VENDOR, shop["bolt_owner"])
    assert (bolt["currency"], figures(bolt, "orders")["orders.total_revenue"]) == ("USD", 1000)


def test_changing_the_reporting_currency_changes_which_figures_carry_the_published_names(
    api: Api, shop: dict[str, Any]
) -> None:
    moved = api.client.patch(
        f"/api/v1/admin/vendors/{shop['acme']}", json={"currency": "JPY"}, headers=shop["root"]
    )
    assert (moved.status_code, moved.json()["currency"]) == (200, "JPY")
    money = _money(api.stats(VENDOR, shop["acme_owner"]))
    assert (money["orders.total_revenue"], money["orders.total_revenue_eur"]) == (2300, 1999)
    assert "orders.total_revenue_jpy" not in money


@pytest.mark.parametrize(
    ("currency", "message"),
    [
        (
            "XYZ",
            "currency: must be an ISO 4217 currency code in capitals, like EUR, USD or JPY; 'XYZ' is not one",
        ),
        ("usd", "currency must be an ISO 4217 currency code in capitals, like EUR, USD or JPY"),
        ("EURO", "currency must be an ISO 4217 currency code in capitals, like EUR, USD or JPY"),
    ],
)
def test_an_unknown_currency_is_a_400_naming_the_field_and_records_nothing(
    api: Api, shop: dict[str, Any], currency: str, message: str
) -> None:
    body = {"customer_email": "a@x.test", "total_cents": 100, "currency": currency}
    answer = api.client.post(ORDERS, json=body, headers=shop["acme_owner"])
    assert answer.status_code == 400
    assert message in answer.text
    assert api.client.get(ORDERS, headers=shop["acme_owner"]).json()["total"] == 5


def test_a_platforms_reporting_currency_must_be_a_currency(api: Api, shop: dict[str, Any]) -> None:
    path = f"/api/v1/admin/platforms/{shop['main']}"
    answer = api.client.patch(path, json={"currency": "ABC"}, headers=shop["root"])
    assert answer.status_code == 400
    assert "currency: must be an ISO 4217 currency code in capitals" in answer.text
