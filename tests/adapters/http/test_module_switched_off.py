"""Orders switched off in settings: its routes are gone and its category is absent, nothing breaks."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from litestar.testing import TestClient

from adapters.container import Container
from adapters.http.app import create_app
from tests.api import Api, figures


@pytest.fixture
def api_without_orders(make_container: Callable[..., Container]) -> Iterator[Api]:
    container = make_container({"modules": {"orders": {"enabled": False}}})
    with TestClient(create_app(container), base_url="http://testserver.local") as client:
        yield Api(client, container)


def test_routes_404_and_dashboards_carry_only_the_enabled_categories(api_without_orders: Api) -> None:
    api = api_without_orders
    root = api.super_admin()
    main = api.platform(root, "main")
    acme = api.vendor(root, "acme", [main])
    owner = api.user(root, "owner@acme.test", "vendor_owner", vendor_id=acme)

    body = {"customer_email": "c@example.com", "total_cents": 100}
    assert api.client.post("/api/v1/vendor/orders", json=body, headers=owner).status_code == 404
    assert api.client.get("/api/v1/vendor/orders", headers=owner).status_code == 404

    vendor = api.stats("/api/v1/vendor/dashboard/stats", owner)
    others = ["tenancy", "catalog", "cms", "customers", "inventory", "marketplace"]
    assert (list(vendor["categories"]), vendor["unavailable"]) == (others, [])
    platform = api.stats("/api/v1/admin/dashboard/stats", root, platform_id=main)
    assert (list(platform["categories"]), platform["unavailable"]) == (others, [])
    assert figures(platform, "tenancy")["tenancy.vendors_total"] == 1

    paths = api.client.get("/schema/openapi.json").json()["paths"]
    assert "/api/v1/vendor/orders" not in paths
    assert "/api/v1/vendor/dashboard/stats" in paths
