"""All seven categories on both dashboards at once, with every figure worked out by hand.

One vendor on one platform does a little of everything through the API (today is 2026-06-15, so
all of it falls in the default 30-day window and the previous window is empty); a second vendor on
another platform shows that nothing of it leaks into the first platform's figures.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.api import Api, figures

VENDOR = "/api/v1/vendor/dashboard/stats"
ADMIN = "/api/v1/admin/dashboard/stats"
IMPORT = "sku,title,price,quantity\nC-1,Scarf,12.34,7\nC-2,,1.00,1\n"  # line 3 has no title


@pytest.fixture
def world(api: Api) -> dict[str, Any]:
    root = api.super_admin()
    main, other = api.platform(root, "main", "main.test"), api.platform(root, "other", "other.test")
    acme, elsewhere = api.vendor(root, "acme", [main]), api.vendor(root, "elsewhere", [other])
    owner = api.user(root, "owner@acme.test", "vendor_owner", vendor_id=acme)
    stranger = api.user(root, "owner@elsewhere.test", "vendor_owner", vendor_id=elsewhere)
    for who in (owner, stranger):
        api.post("/api/v1/vendor/customers", who, email="ann@x.test")
        api.order(who, 2500, "paid", email="ann@x.test")
    api.post("/api/v1/vendor/customers", owner, email="bob@x.test")
    api.order(owner, 1001, "pending", email="ann@x.test")
    api.post("/api/v1/vendor/cms/pages", owner, slug="about", title="About", status="published")
    api.post("/api/v1/vendor/cms/pages", owner, slug="soon", title="Soon")
    api.post(
        f"/api/v1/admin/platforms/{main}/cms/pages", root, slug="terms", title="Terms", status="published"
    )
    api.post(
        "/api/v1/vendor/cms/media", owner, filename="a.png", content_type="image/png", size_bytes=1_500_000
    )
    api.post(
        "/api/v1/vendor/cms/media",
        owner,
        filename="b.pdf",
        content_type="application/pdf",
        size_bytes=250_001,
    )
    api.post("/api/v1/vendor/cms/themes", owner, name="Calm", is_active=True)
    featured = api.post(
        "/api/v1/vendor/catalog/products", owner, sku="A", title="Coat", price_cents=1250, is_featured=True
    )
    plain = api.post("/api/v1/vendor/catalog/products", owner, sku="B", title="Hat", price_cents=999)
    api.post(
        "/api/v1/vendor/inventory/stock", owner, product_id=featured["id"], quantity=4, reorder_threshold=5
    )
    api.post("/api/v1/vendor/inventory/stock", owner, product_id=plain["id"], quantity=0, reorder_threshold=1)
    upload = api.client.post(
        "/api/v1/vendor/marketplace/imports",
        files={"file": ("p.csv", IMPORT.encode(), "text/csv")},
        headers=owner,
    )
    assert upload.status_code == 201, upload.text
    approved = api.client.post(
        f"/api/v1/vendor/marketplace/imports/{upload.json()['id']}/approve", headers=owner
    )
    assert approved.status_code == 200, approved.text
    return {"root": root, "main": main, "owner": owner}


SHARED = {
    "customers": {"customers.total": 2, "customers.new_in_period": 2},
    "catalog": {  # A and B, plus C-1 published by the approved import
        "catalog.products_total": 3,
        "catalog.products_active": 3,
        "catalog.products_featured": 1,
        "catalog.new_in_period": 3,
    },
    "inventory": {  # A: 4 of at most 5 is low; B: 0 is out; C-1: the import's 7 at main, threshold 0
        "inventory.units_in_stock": 11,
        "inventory.low_stock_products": 1,
        "inventory.out_of_stock_products": 1,
        "inventory.stock_value": 13638,  # 4 * 1250 + 7 * 1234 cents
    },
    "orders": {
        "orders.total": 2,
        "orders.total_revenue": 3501,  # the pending order counts too: only cancelled and refunded do not
        "orders.average_order_value": 1751,  # 3501 / 2 = 1750.5, half up
        "orders.pending": 1,
        "orders.awaiting_shipment": 1,  # ann's 2500, paid
        "orders.customers_with_orders": 1,  # ann; bob is a customer without orders
        "orders.repeat_customers": 1,  # ann, twice
        "orders.period_orders": 2,
        "orders.period_revenue": 3501,
        "orders.period_net_revenue": 3501,
        "orders.period_cancellation_rate": 0.0,
        "orders.period_units": 0,
        "orders.period_refunds": 0,
        "orders.period_refunded": 0,
    },
    "marketplace": {
        "marketplace.imports_total": 1,
        "marketplace.imports_completed": 1,  # completed even with a bad row
        "marketplace.imports_failed": 0,
        "marketplace.success_rate": 100.0,
        "marketplace.staging_awaiting_approval": 0,  # approved
        "marketplace.imports_in_period": 1,
    },
}
CMS = {
    "cms.pages_published_in_period": 1,
    "cms.media_files": 2,
    "cms.media_bytes": 1_750_001,
    "cms.media_size_mb": 1.75,
    "cms.themes": 1,
}


def test_the_vendor_dashboard_has_every_category_exactly(api: Api, world: dict[str, Any]) -> None:
    dashboard = api.stats(VENDOR, world["owner"], include_trends="true")
    assert list(dashboard["categories"]) == [
        "tenancy", "catalog", "cms", "customers", "inventory", "marketplace", "orders"
    ]  # fmt: skip
    assert dashboard["unavailable"] == []
    assert figures(dashboard, "tenancy") == {"tenancy.team_members": 1, "tenancy.custom_domains": 0}
    assert figures(dashboard, "cms") == {"cms.pages_total": 2, "cms.pages_published": 1, **CMS}
    for category, expected in SHARED.items():
        assert figures(dashboard, category) == expected, category


def test_the_platform_dashboard_has_every_category_exactly(api: Api, world: dict[str, Any]) -> None:
    dashboard = api.stats(ADMIN, world["root"], platform_id=world["main"], include_trends="true")
    assert dashboard["unavailable"] == []
    tenancy = figures(dashboard, "tenancy")
    assert (tenancy["tenancy.vendors_total"], tenancy["tenancy.vendors_active"]) == (1, 1)
    assert tenancy["tenancy.new_vendors"] == 1
    # the platform's own page counts on its dashboard, with acme's two
    assert figures(dashboard, "cms") == {
        "cms.pages_total": 3,
        "cms.pages_published": 2,
        **CMS,
        "cms.pages_published_in_period": 2,
    }
    for category, expected in SHARED.items():
        assert figures(dashboard, category) == expected, category
