"""Both dashboards serve exactly the modules that are on, through the real app, on both databases.

Run as part of the suite, it sees all seven built-in modules. The removability matrix runs it again
with modules switched off in settings, switched off per platform, or deleted from disk
(`tests/removal.py`), and it then expects exactly the others, all answering.
"""

from __future__ import annotations

import pytest

from tests.api import Api
from tests.removal import REMOVED

BUILT_IN = ("tenancy", "customers", "cms", "catalog", "inventory", "orders", "marketplace")
LISTS = {
    "customers": "/api/v1/vendor/customers",
    "cms": "/api/v1/vendor/cms/pages",
    "catalog": "/api/v1/vendor/catalog/products",
    "inventory": "/api/v1/vendor/inventory/stock",
    "orders": "/api/v1/vendor/orders",
    "marketplace": "/api/v1/vendor/marketplace/imports",
}

pytestmark = pytest.mark.removability_probe


def test_both_dashboards_answer_with_exactly_the_modules_that_are_on(api: Api) -> None:
    expected = {code for code in BUILT_IN if code not in REMOVED}
    root = api.super_admin()
    main = api.platform(root, "main", "main.test")
    acme = api.vendor(root, "acme", [main])
    owner = api.user(root, "owner@acme.test", "vendor_owner", vendor_id=acme)

    vendor = api.stats("/api/v1/vendor/dashboard/stats", owner, include_trends="true")
    platform = api.stats("/api/v1/admin/dashboard/stats", root, platform_id=main, include_trends="true")
    for dashboard in (vendor, platform):
        assert set(dashboard["categories"]) == expected
        assert dashboard["unavailable"] == []
        assert all(dashboard["categories"][code] for code in expected)  # every category has figures

    for code, path in LISTS.items():
        response = api.client.get(path, headers=owner)
        assert response.status_code == (404 if code in REMOVED else 200), (code, response.text)
