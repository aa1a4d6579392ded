"""Time zones through the real API on both databases: set, changed and checked on platforms and
vendors, and the dashboards' days are the owner's local days, around midnight and clock changes.

Here and not under tests/modules/tenancy: the days are shown through orders, and a module's own
tests must pass with that module alone (tests/test_removability.py)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from adapters.ledger import fold_ledger
from tests.api import Api, figures
from tests.fakes.clock import FrozenClock

PLATFORMS = "/api/v1/admin/platforms"
VENDORS = "/api/v1/admin/vendors"
ADMIN = "/api/v1/admin/dashboard/stats"
VENDOR = "/api/v1/vendor/dashboard/stats"
UNKNOWN = "must be an IANA time zone name like Europe/Paris; got 'Mars/Base'"


def _refused(response: Any, message: str) -> None:
    assert response.status_code == 400, response.text
    assert response.json()["extra"][0]["key"] == "timezone"
    assert response.json()["extra"][0]["message"] == message


def test_a_platform_has_a_time_zone_its_admin_can_change(api: Api) -> None:
    root = api.super_admin()
    main = api.post(PLATFORMS, root, slug="main", name="Main", timezone="Asia/Kolkata")
    assert main["timezone"] == "Asia/Kolkata"
    eu = api.post(PLATFORMS, root, slug="eu", name="Eu")
    assert eu["timezone"] == "UTC"
    _refused(
        api.client.post(PLATFORMS, json={"slug": "x", "name": "X", "timezone": "Mars/Base"}, headers=root),
        UNKNOWN,
    )
    shapeless = api.client.post(
        PLATFORMS, json={"slug": "x", "name": "X", "timezone": "Mars Base"}, headers=root
    )
    assert shapeless.json()["detail"] == "timezone must be an IANA time zone name like Europe/Paris"

    admin = api.user(root, "admin@main.test", "platform_admin", platform_id=main["id"])
    changed = api.client.patch(f"{PLATFORMS}/{main['id']}", json={"timezone": "Europe/Paris"}, headers=admin)
    assert changed.status_code == 200, changed.text
    assert (changed.json()["timezone"], changed.json()["name"]) == ("Europe/Paris", "Main")
    renamed = api.client.patch(f"{PLATFORMS}/{main['id']}", json={"name": "Main Market"}, headers=root)
    assert (renamed.json()["timezone"], renamed.json()["name"]) == ("Europe/Paris", "Main Market")
    other = api.client.patch(f"{PLATFORMS}/{eu['id']}", json={"timezone": "Europe/Paris"}, headers=admin)
    assert other.status_code == 403, other.text
    _refused(
        api.client.patch(f"{PLATFORMS}/{main['id']}", json={"timezone": "Mars/Base"}, headers=admin), UNKNOWN
    )
    assert api.client.patch(f"{PLATFORMS}/99999", json={"name": "X"}, headers=root).status_code == 404
    listed = api.client.get(PLATFORMS, headers=root).json()["items"]
    assert [p["timezone"] for p in listed] == ["Europe/Paris", "UTC"]


def test_a_vendor_takes_its_first_platforms_zone_unless_given_one(api: Api) -> None:
    root = api.super_admin()
    india = api.post(PLATFORMS, root, slug="india", name="India", timezone="Asia/Kolkata")["id"]
    world = api.post(PLATFORMS, root, slug="world", name="World")["id"]
    body = {"name": "A", "platform_ids": [india, world]}
    assert api.post(VENDORS, root, slug="a", **body)["timezone"] == "Asia/Kolkata"
    assert api.post(VENDORS, root, slug="b", **{**body, "platform_ids": [world, india]})["timezone"] == "UTC"
    given = api.post(VENDORS, root, slug="c", **body, timezone="Australia/Adelaide")
    assert given["timezone"] == "Australia/Adelaide"
    _refused(
        api.client.post(VENDORS, json={**body, "slug": "d", "timezone": "Mars/Base"}, headers=root), UNKNOWN
    )
    moved = api.client.patch(
        f"{VENDORS}/{given['id']}", json={"timezone": "America/Los_Angeles"}, headers=root
    )
    assert moved.json()["timezone"] == "America/Los_Angeles"
    assert (
        api.client.get(f"{VENDORS}/{given['id']}", headers=root).json()["timezone"] == "America/Los_Angeles"
    )


def _orders_today(api: Api, path: str, headers: dict[str, str], **params: Any) -> tuple[str, str, int]:
    dashboard = api.stats(path, headers, period="1d", **params)
    return (
        dashboard["timezone"],
        dashboard["period"]["date_to"],
        figures(dashboard, "orders")["orders.period_orders"],
    )


def _order_at(api: Api, clock: FrozenClock, owner: dict[str, str], *moment: int) -> None:
    year, month, day, hour, minute = moment
    clock.set(datetime(year, month, day, hour, minute, tzinfo=UTC))
    api.order(owner, 1000)


def test_today_is_the_owners_local_date(api: Api, clock: FrozenClock) -> None:
    """19:00 UTC on 15 June is already 16 June, 00:30, in Kolkata (+05:30): the Kolkata vendor's
    "today" holds only what came after its midnight; its UTC platform's still holds the whole 15th."""
    root = api.super_admin()
    main = api.post(PLATFORMS, root, slug="main", name="Main")["id"]
    acme = api.post(VENDORS, root, slug="acme", name="Acme", platform_ids=[main], timezone="Asia/Kolkata")[
        "id"
    ]
    owner = api.user(root, "owner@acme.test", "vendor_owner", vendor_id=acme)
    _order_at(api, clock, owner, 2026, 6, 15, 18, 15)  # 23:45 on the 15th in Kolkata
    _order_at(api, clock, owner, 2026, 6, 15, 18, 45)  # 00:15 on the 16th
    clock.set(datetime(2026, 6, 15, 19, 0, tzinfo=UTC))
    assert _orders_today(api, VENDOR, owner) == ("Asia/Kolkata", "2026-06-16", 1)
    assert _orders_today(api, ADMIN, root, platform_id=main) == ("UTC", "2026-06-15", 2)
    fold_ledger(api.container)  # folded into day rows: the same days
    assert _orders_today(api, VENDOR, owner) == ("Asia/Kolkata", "2026-06-16", 1)
    assert _orders_today(api, ADMIN, root, platform_id=main) == ("UTC", "2026-06-15", 2)


def test_a_day_the_clocks_go_forward_is_23_hours_and_back_25(api: Api, clock: FrozenClock) -> None:
    """Los Angeles skips 02:00-03:00 on 8 March 2026 (PST -08 to PDT -07), Paris repeats 02:00-03:00
    on 25 October 2026 (CEST +02 to CET +01): each day runs from its own local midnight to the next."""
    root = api.super_admin()
    main = api.post(PLATFORMS, root, slug="main", name="Main", timezone="Europe/Paris")["id"]
    la = api.post(VENDORS, root, slug="la", name="La", platform_ids=[main], timezone="America/Los_Angeles")[
        "id"
    ]
    owner = api.user(root, "owner@la.test", "vendor_owner", vendor_id=la)
    for moment in ((2026, 3, 8, 7, 59), (2026, 3, 8, 8, 0), (2026, 3, 9, 6, 59), (2026, 3, 9, 7, 0)):
        _order_at(api, clock, owner, *moment)
    for moment in (
        (2026, 10, 24, 21, 59),
        (2026, 10, 24, 22, 0),
        (2026, 10, 25, 22, 59),
        (2026, 10, 25, 23, 0),
    ):
        _order_at(api, clock, owner, *moment)
    clock.set(datetime(2026, 12, 1, tzinfo=UTC))
    for folded in (False, True):
        if folded:
            fold_ledger(api.container)
        march = api.stats(VENDOR, owner, date_from="2026-03-08", date_to="2026-03-08")
        assert figures(march, "orders")["orders.period_orders"] == 2  # 08:00 UTC to 06:59 the next day
        october = api.stats(ADMIN, root, platform_id=main, date_from="2026-10-25", date_to="2026-10-25")
        assert october["timezone"] == "Europe/Paris"
        assert (
            figures(october, "orders")["orders.period_orders"] == 2
        )  # 22:00 UTC on the 24th to 22:59 on the 25th


def test_changing_a_zone_moves_the_days(api: Api, clock: FrozenClock) -> None:
    """An order at 20:00 UTC on 14 June is on the 14th in UTC and on the 15th in Adelaide (+09:30):
    after each zone change the folded days are rebuilt, and so are those a membership copied."""
    root = api.super_admin()
    main = api.post(PLATFORMS, root, slug="main", name="Main")["id"]
    eu = api.post(PLATFORMS, root, slug="eu", name="Eu", timezone="Australia/Adelaide")["id"]
    acme = api.vendor(root, "acme", [main])
    owner = api.user(root, "owner@acme.test", "vendor_owner", vendor_id=acme)
    _order_at(api, clock, owner, 2026, 6, 14, 20, 0)
    fold_ledger(api.container)
    api.post(f"{PLATFORMS}/{eu}/vendors", root, vendor_id=acme)  # into Adelaide days: computed again

    def on_15th(path: str, headers: dict[str, str], **params: Any) -> int:
        dashboard = api.stats(path, headers, date_from="2026-06-15", date_to="2026-06-15", **params)
        return int(figures(dashboard, "orders")["orders.period_orders"])

    assert (
        on_15th(VENDOR, owner),
        on_15th(ADMIN, root, platform_id=main),
        on_15th(ADMIN, root, platform_id=eu),
    ) == (0, 0, 1)
    api.client.patch(f"{VENDORS}/{acme}", json={"timezone": "Australia/Adelaide"}, headers=root)
    api.client.patch(f"{PLATFORMS}/{main}", json={"timezone": "Australia/Adelaide"}, headers=root)
    api.client.patch(f"{PLATFORMS}/{eu}", json={"timezone": "UTC"}, headers=root)
    assert (
        on_15th(VENDOR, owner),
        on_15th(ADMIN, root, platform_id=main),
        on_15th(ADMIN, root, platform_id=eu),
    ) == (1, 1, 0)
    fold_ledger(api.container)
    assert (
        on_15th(VENDOR, owner),
        on_15th(ADMIN, root, platform_id=main),
        on_15th(ADMIN, root, platform_id=eu),
    ) == (1, 1, 0)
    api.client.delete(f"{PLATFORMS}/{eu}/vendors/{acme}", headers=root)  # out of UTC days again
    assert on_15th(ADMIN, root, platform_id=eu) == 0
    total = figures(api.stats(ADMIN, root, platform_id=eu), "orders")["orders.total"]
    assert total == 0
