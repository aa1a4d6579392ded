"""Importing past orders through the platform admins' endpoint, on both databases: exact figures by
placed date and by refund date; every bad row reported by its line with nothing imported; the same
list again imports nothing twice; a platform admin imports only for its platform's active vendors.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from adapters.container import Container
from kernel.context import MetricsContext
from tests.api import Api, figures
from tests.ledger import fast_equals_raw_everywhere
from tests.modules.orders.import_history import ACME_ALL_TIME, ACME_APRIL, ACME_MARCH, ROWS

ORDERS = "/api/v1/vendor/orders"
VENDOR = "/api/v1/vendor/dashboard/stats"


def _path(platform_id: int) -> str:
    return f"/api/v1/admin/platforms/{platform_id}/orders/import"


@pytest.fixture
def shop(api: Api) -> dict[str, Any]:
    world = api.three_vendors()
    world["main_admin"] = api.user(
        world["root"], "admin@main.test", "platform_admin", platform_id=world["main"]
    )
    return world


def _import(api: Api, headers: dict[str, str], platform_id: int, rows: list[dict[str, Any]]) -> Any:
    return api.client.post(_path(platform_id), json={"orders": rows}, headers=headers)


def _period(api: Api, owner: dict[str, str], first: str, last: str) -> dict[str, Any]:
    return figures(api.stats(VENDOR, owner, date_from=first, date_to=last), "orders")


def test_imported_history_gives_exact_figures_by_its_own_dates(
    api: Api, shop: dict[str, Any], container: Container
) -> None:
    answer = _import(api, shop["main_admin"], shop["main"], ROWS)
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"rows": 5, "imported": 5, "skipped": 0}
    owner = shop["acme_owner"]
    every = _period(api, owner, "2026-01-01", "2026-06-15")
    assert {key: every[key] for key in ACME_ALL_TIME} == ACME_ALL_TIME
    march = _period(api, owner, "2026-03-01", "2026-03-31")
    assert {key: march[key] for key in ACME_MARCH} == ACME_MARCH
    april = _period(api, owner, "2026-04-01", "2026-04-30")
    assert {key: april[key] for key in ACME_APRIL} == ACME_APRIL
    assert _period(api, owner, "2026-03-16", "2026-03-16")["orders.period_orders"] == 1  # -02:00 → UTC
    assert _period(api, shop["bolt_owner"], "2026-02-01", "2026-02-28")["orders.period_revenue"] == 2500
    listed = api.client.get(ORDERS, headers=owner, params={"status": "refunded"}).json()["items"]
    assert [(o["external_id"], o["refunded_cents"], o["refunded_at"]) for o in listed] == [
        ("SHOP-3", 4000, "2026-04-10T08:00:00Z")
    ]
    delivered = api.client.get(ORDERS, headers=owner, params={"status": "delivered"}).json()["items"][0]
    assert (delivered["created_at"], delivered["paid_at"]) == ("2026-03-01T09:00:00Z", "2026-03-01T09:00:00Z")
    assert delivered["customer_email"] == "ana@example.com"
    window = MetricsContext(date(2026, 3, 1), date(2026, 4, 30), "custom", include_trends=True)
    vendors, platforms = (shop[v] for v in ("acme", "bolt", "crux")), (shop["main"], shop["eu"])
    fast_equals_raw_everywhere(container, "orders", vendors, platforms, [window])


def test_the_same_list_again_imports_nothing_twice(api: Api, shop: dict[str, Any]) -> None:
    assert _import(api, shop["root"], shop["main"], ROWS).status_code == 200
    again = _import(api, shop["root"], shop["main"], ROWS)
    assert again.json() == {"rows": 5, "imported": 0, "skipped": 5}
    more = {**ROWS[3], "external_id": "SHOP-5"}
    assert _import(api, shop["root"], shop["main"], [*ROWS, more]).json() == {
        "rows": 6,
        "imported": 1,
        "skipped": 5,
    }
    assert api.client.get(ORDERS, headers=shop["acme_owner"]).json()["total"] == 5
    # The vendor named by id instead of slug is the same row
    bolt = {**ROWS[4], "vendor": shop["bolt"]}
    assert _import(api, shop["root"], shop["main"], [bolt]).json()["skipped"] == 1


def test_every_bad_row_is_reported_by_its_line_and_nothing_is_imported(
    api: Api, shop: dict[str, Any]
) -> None:
    bad = [
        ROWS[0],
        {**ROWS[1], "total_cents": -5},
        {**ROWS[2], "placed_at": "2026-04-01T08:00:00"},
        {**ROWS[3], "shipped_at": "2026-05-02T10:00:00Z"},
        {**ROWS[3], "external_id": "SHOP-9", "vendor": "nobody"},
        {**ROWS[0]},
        {**ROWS[0], "external_id": "SHOP-7", "delivered_at": "2026-02-01T00:00:00Z"},
        {
            **ROWS[0],
            "external_id": "SHOP-8",
            "refunds": [{"amount_cents": 3000, "refunded_at": "2026-04-02T12:00:00Z"}],
        },
        {**ROWS[4], "placed_at": "2027-01-01T00:00:00Z"},
        {k: v for k, v in ROWS[4].items() if k != "customer_email"},
        {**ROWS[4], "external_id": "SHOP-10", "currency": "XYZ"},
    ]
    answer = _import(api, shop["root"], shop["main"], bad)
    assert answer.status_code == 400
    assert (
        answer.json()["detail"]
        == "10 rows cannot be imported, so nothing was: line 2: total_cents: "
        + (answer.json()["extra"][0]["message"])
    )
    assert [(e["source"], e["key"], e["message"]) for e in answer.json()["extra"]] == [
        ("line 2", "total_cents", "must be a whole number from 0 to 10000000000"),
        ("line 3", "placed_at", "must be a date and time like 2026-01-31T12:00:00Z"),
        ("line 4", "shipped_at", "a pending order was never shipped on its way there: leave shipped_at out"),
        (
            "line 5",
            "vendor",
            "no vendor with the slug 'nobody' is active on this platform: name a vendor by its slug or id",
        ),
        ("line 6", "external_id", "'SHOP-1' is on line 1 too: each order once"),
        ("line 7", "delivered_at", "is before placed_at: an order's steps come in order"),
        (
            "line 8",
            "status",
            "the refunds give back the whole total, so the order is refunded: make status refunded",
        ),
        ("line 9", "placed_at", "is in the future: an import brings past orders only"),
        ("line 10", "customer_email", "is required"),
        (
            "line 11",
            "currency",
            "must be an ISO 4217 currency code in capitals, like EUR, USD or JPY; 'XYZ' is not one",
        ),
    ]
    assert api.client.get(ORDERS, headers=shop["acme_owner"]).json()["total"] == 0


def test_a_changed_row_or_an_order_sent_through_the_api_is_a_bad_row(api: Api, shop: dict[str, Any]) -> None:
    sent = api.client.post(
        ORDERS,
        json={"customer_email": "x@example.com", "total_cents": 10, "external_id": "SHOP-2"},
        headers=shop["acme_owner"],
    ).json()
    answer = _import(api, shop["root"], shop["main"], ROWS)
    assert answer.status_code == 400
    assert answer.json()["extra"] == [
        {
            "key": "external_id",
            "message": f"'SHOP-2' is already order {sent['id']} of this vendor, with other details: change "
            "the row to match it, or give the order another external_id",
            "source": "line 2",
        }
    ]
    rest = [row for row in ROWS if row["external_id"] != "SHOP-2"]
    assert _import(api, shop["root"], shop["main"], rest).json()["imported"] == 4
    # An imported order sent through the API again, with its external id: a 409 naming it
    replay = api.client.post(
        ORDERS,
        json={"customer_email": "bo@example.com", "total_cents": 1200, "external_id": "SHOP-4"},
        headers=shop["acme_owner"],
    )
    assert replay.status_code == 409
    assert replay.json()["detail"].startswith("external_id: 'SHOP-4' is already order ")


def test_a_platform_admin_imports_only_for_its_platform(api: Api, shop: dict[str, Any]) -> None:
    elsewhere = _import(api, shop["main_admin"], shop["eu"], ROWS[4:])
    assert elsewhere.status_code == 403
    crux = {**ROWS[4], "vendor": "crux"}  # active on eu only
    refused = _import(api, shop["main_admin"], shop["main"], [crux])
    assert refused.status_code == 400
    assert refused.json()["extra"][0]["message"] == (
        "no vendor with the slug 'crux' is active on this platform: name a vendor by its slug or id"
    )
    assert _import(api, shop["root"], 999, ROWS).status_code == 404
    assert _import(api, shop["acme_owner"], shop["main"], ROWS).status_code == 403
    assert api.client.post(_path(shop["main"]), json={"orders": ROWS}).status_code == 401
    assert _import(api, shop["root"], shop["eu"], [crux]).json()["imported"] == 1


def test_an_empty_list_or_one_that_is_no_list_is_a_400(api: Api, shop: dict[str, Any]) -> None:
    assert _import(api, shop["root"], shop["main"], []).status_code == 400
    answer = api.client.post(_path(shop["main"]), json={"orders": [1, "x"]}, headers=shop["root"])
    assert answer.status_code == 400
