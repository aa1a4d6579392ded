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
    return api.three_vendors()
