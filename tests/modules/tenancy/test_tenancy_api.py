"""Tenancy through the real API on both databases: memberships, users, domains and their figures."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.api import PASSWORD, Api, figures, trends
from tests.fakes.clock import FrozenClock

ADMIN = "/api/v1/admin/dashboard/stats"
VENDOR = "/api/v1/vendor/dashboard/stats"


def test_platform_figures(api: Api, clock: FrozenClock) -> None:
    root = api.super_admin()
    main = api.platform(root, "main", "main.test")
    eu = api.platform(root, "eu", "eu.test")
    clock.set(datetime(2026, 4, 20, tzinfo=UTC))  # previous 30-day window
    old = api.vendor(root, "old", [main])
    clock.set(datetime(2026, 6, 1, tzinfo=UTC))  # this window
    acme = api.vendor(root, "acme", [main])
    bolt = api.vendor(root, "bolt", [main, eu])
    gone = api.vendor(root, "gone", [main])
    clock.set(datetime(2026, 6, 15, 12, tzinfo=UTC))
    api.client.patch(f"/api/v1/admin/vendors/{acme}", json={"is_verified": True}, headers=root)
    api.client.patch(
        f"/api/v1/admin/vendors/{gone}", json={"is_active": False, "is_verified": True}, headers=root
    )
    api.client.delete(f"/api/v1/admin/platforms/{main}/vendors/{old}", headers=root)
    api.post(f"/api/v1/admin/vendors/{acme}/domains", root, domain="shop.acme.example")
    api.post(
        f"/api/v1/admin/vendors/{gone}/domains", root, domain="shop.gone.example"
    )  # inactive: not counted
    api.user(root, "admin@main.test", "platform_admin", platform_id=main)
    api.user(root, "admin@eu.test", "platform_admin", platform_id=eu)
    api.user(root, "owner@acme.test", "vendor_owner", vendor_id=acme)
    api.user(root, "staff@acme.test", "vendor_member", vendor_id=acme)
    api.user(root, "owner@bolt.test", "vendor_owner", vendor_id=bolt)

    dashboard = api.stats(ADMIN, root, platform_id=main, include_trends="true")
    assert figures(dashboard, "tenancy") == {
        "tenancy.vendors_total": 4,  # old (detached), acme, bolt, gone (inactive)
        "tenancy.vendors_active": 2,  # acme, bolt
        "tenancy.vendors_verified": 2,  # acme, gone
        "tenancy.users_total": 4,  # main's admin and the three vendor users; not eu's admin, not root
        "tenancy.users_active": 4,
        "tenancy.custom_domains": 1,
        "tenancy.new_vendors": 3,  # joined in 2026-05-17..2026-06-15
    }
    assert trends(dashboard, "tenancy")["tenancy.new_vendors"] == ("up", 200.0)  # 3 against 1
    eu_figures = figures(api.stats(ADMIN, root, platform_id=eu), "tenancy")
    assert (eu_figures["tenancy.vendors_total"], eu_figures["tenancy.users_total"]) == (1, 2)


def test_vendor_figures_and_team(api: Api) -> None:
    root = api.super_admin()
    main = api.platform(root, "main")
    acme = api.vendor(root, "acme", [main])
    owner = api.user(root, "owner@acme.test", "vendor_owner", vendor_id=acme)
    api.user(root, "staff@acme.test", "vendor_member", vendor_id=acme)
    api.post(f"/api/v1/admin/vendors/{acme}/domains", root, domain="shop.acme.example")
    assert figures(api.stats(VENDOR, owner), "tenancy") == {
        "tenancy.team_members": 2,
        "tenancy.custom_domains": 1,
    }


def test_vendors_join_leave_and_rejoin_platforms(api: Api) -> None:
    root = api.super_admin()
    main = api.platform(root, "main")
    eu = api.platform(root, "eu")
    acme = api.vendor(root, "acme", [main])
    joined = api.post(f"/api/v1/admin/platforms/{eu}/vendors", root, vendor_id=acme)
    assert joined["platform_ids"] == [main, eu]
    left = api.client.delete(f"/api/v1/admin/platforms/{main}/vendors/{acme}", headers=root)
    assert (left.status_code, left.json()["platform_ids"]) == (200, [eu])
    assert (
        api.client.delete(f"/api/v1/admin/platforms/{main}/vendors/{acme}", headers=root).status_code == 404
    )
    back = api.post(f"/api/v1/admin/platforms/{main}/vendors", root, vendor_id=acme)
    assert back["platform_ids"] == [main, eu]
    assert (
        api.client.post(
            f"/api/v1/admin/platforms/{main}/vendors", json={"vendor_id": 999}, headers=root
        ).status_code
        == 404
    )


def test_a_platform_admin_manages_its_own_platform(api: Api) -> None:
    root = api.super_admin()
    main = api.platform(root, "main")
    admin = api.user(root, "admin@main.test", "platform_admin", platform_id=main)
    vendor = api.post("/api/v1/admin/vendors", admin, slug="acme", name="Acme", platform_ids=[main])
    assert (vendor["slug"], vendor["platform_ids"], vendor["is_active"], vendor["is_verified"]) == (
        "acme",
        [main],
        True,
        False,
    )
    user = api.post(
        "/api/v1/admin/users",
        admin,
        email="owner@acme.test",
        password=PASSWORD,
        role="vendor_owner",
        vendor_id=vendor["id"],
    )
    assert (user["role"], user["vendor_id"], user["platform_id"]) == ("vendor_owner", vendor["id"], None)
    assert set(user) == {"id", "email", "role", "platform_id", "vendor_id", "is_active", "created_at"}
    flags = {"is_verified": True, "name": "ACME"}
    refused = api.client.patch(f"/api/v1/admin/vendors/{vendor['id']}", json=flags, headers=admin)
    assert refused.status_code == 403  # a vendor's own flags are shared by every platform: super admins only
    updated = api.client.patch(f"/api/v1/admin/vendors/{vendor['id']}", json=flags, headers=root).json()
    assert (updated["name"], updated["is_verified"]) == ("ACME", True)


def test_lists_are_paginated(api: Api) -> None:
    root = api.super_admin()
    for index in range(5):
        api.platform(root, f"p{index}")
    page = api.client.get("/api/v1/admin/platforms", params={"limit": 2, "offset": 3}, headers=root).json()
    assert ([p["slug"] for p in page["items"]], page["total"], page["limit"], page["offset"]) == (
        ["p3", "p4"],
        5,
        2,
        3,
    )
    api.vendor(root, "acme", [1, 2])
    api.vendor(root, "bolt", [2])
    of_first = api.client.get("/api/v1/admin/vendors", params={"platform_id": 1}, headers=root).json()
    assert [v["slug"] for v in of_first["items"]] == ["acme"]
