"""Inventory's test world: two platforms, three vendors and their owners, made through the API.

acme is on main, bolt on main and eu, crux on eu. Products and stock are added by each test (or by
the `stocked` fixture of the dashboard tests) so every number stays local to its test.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.api import Api

PRODUCTS = "/api/v1/vendor/catalog/products"
STOCK = "/api/v1/vendor/inventory/stock"


def add_product(api: Api, owner: dict[str, str], sku: str, price_cents: int) -> int:
    return int(api.post(PRODUCTS, owner, sku=sku, title=f"Product {sku}", price_cents=price_cents)["id"])


def add_stock(api: Api, owner: dict[str, str], product_id: int, quantity: int, **fields: Any) -> Any:
    """POST a stock row and return its JSON; `fields` may set location and reorder_threshold."""
    return api.post(STOCK, owner, product_id=product_id, quantity=quantity, **fields)


@pytest.fixture
def world(api: Api) -> dict[str, Any]:
    return api.three_vendors()
