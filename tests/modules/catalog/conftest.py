"""Catalog's test world: two platforms, three vendors and their owners, made through the API.

acme is on main, bolt on main and eu, crux on eu; each vendor has an owner. Products are added by
each test (or by `world_with_products` in the dashboard tests) so every number stays local.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.api import Api

PRODUCTS = "/api/v1/vendor/catalog/products"


def add_product(api: Api, owner: dict[str, str], sku: str, price_cents: int = 1000, **fields: Any) -> Any:
    """POST a product and return its JSON; `fields` may set title, is_active, is_featured."""
    body = {"sku": sku, "title": f"Product {sku}", "price_cents": price_cents, **fields}
    return api.post(PRODUCTS, owner, **body)


@pytest.fixture
def world(api: Api) -> dict[str, Any]:
    root = api.super_admin()
    main = api.platform(root, "main", "main.test")
    eu = api.platform(root, "eu", "eu.test")
    vendors = {
        "acme": api.vendor(root, "acme", [main]),
        "bolt": api.vendor(root, "bolt", [main, eu]),
        "crux": api.vendor(root, "crux", [eu]),
    }
    owners = {
        f"{name}_owner": api.user(root, f"owner@{name}.test", "vendor_owner", vendor_id=vendor_id)
        for name, vendor_id in vendors.items()
    }
    return {"root": root, "main": main, "eu": eu, **vendors, **owners}
