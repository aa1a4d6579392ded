"""The escapes a tester found, replayed as they were done: a vendor user moving to another platform
through the Host header, and a vendor that left its only platform still acting. Each is refused with
the reason, and nothing reaches the tables. The matrix (`test_tenant_matrix.py`) covers every route;
these keep the original stories readable."""

from __future__ import annotations

import pytest

from tests.api import Api, figures

IMPORTS = "/api/v1/vendor/marketplace/imports"
ORDERS = "/api/v1/vendor/orders"
CSV = b"sku,title,price,quantity\nHAT-1,Wool hat,19.99,4\n"


@pytest.fixture
def world(api: Api) -> dict:
    root = api.super_admin()
    main, beta = api.platform(root, "main", "main.test"), api.platform(root, "beta", "beta.test")
    acme = api.vendor(root, "acme", [main])
    return {
        "root": root,
        "main": main,
        "beta": beta,
        "acme": acme,
        "main_admin": api.user(root, "admin@main.test", "platform_admin", platform_id=main),
        "owner": api.user(root, "owner@acme.test", "vendor_owner", vendor_id=acme),
    }


def test_a_module_switched_off_cannot_be_reached_through_another_platforms_host(
    api: Api, world: dict
) -> None:
    path = f"/api/v1/admin/platforms/{world['main']}/modules/marketplace"
    assert api.client.put(path, json={"enabled": False}, headers=world["main_admin"]).status_code == 200
    upload = {"file": ("products.csv", CSV, "text/csv")}
    for host, status, detail in [
        ("beta.test", 403, "vendor 'acme' is not active on platform 'beta'"),
        ("main.test", 404, "the 'marketplace' module is switched off for this platform"),
        ("testserver.local", 404, "the 'marketplace' module is switched off for this platform"),
    ]:
        response = api.client.post(IMPORTS, files=upload, headers={**world["owner"], "host": host})
        assert (response.status_code, response.json()["detail"]) == (status, detail), host
    dashboard = api.client.get(
        "/api/v1/vendor/dashboard/stats", headers={**world["owner"], "host": "beta.test"}
    )
    assert (dashboard.status_code, dashboard.json()["detail"]) == (
        403,
        "vendor 'acme' is not active on platform 'beta'",
    )
    products = api.client.get("/api/v1/vendor/catalog/products", headers=world["owner"]).json()
    assert products["total"] == 0


def test_a_vendor_detached_from_its_only_platform_can_do_nothing(api: Api, world: dict) -> None:
    owner = world["owner"]
    api.order(owner, 1500)
    detach = f"/api/v1/admin/platforms/{world['main']}/vendors/{world['acme']}"
    assert api.client.delete(detach, headers=world["root"]).status_code == 200
    refused = (403, "vendor 'acme' is not active on platform 'main'")
    order = {"customer_email": "ana@example.com", "total_cents": 4999}
    for response in (
        api.client.get("/api/v1/vendor/dashboard/stats", headers=owner),
        api.client.post(ORDERS, json=order, headers=owner),
        api.client.get(ORDERS, headers=owner),
    ):
        assert (response.status_code, response.json()["detail"]) == refused
    back = f"/api/v1/admin/platforms/{world['main']}/vendors"
    assert api.client.post(back, json={"vendor_id": world["acme"]}, headers=world["root"]).status_code == 201
    assert figures(api.stats("/api/v1/vendor/dashboard/stats", owner), "orders")["orders.total"] == 1
