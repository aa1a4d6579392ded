"""Marketplace's test world: two platforms and three vendors, each with a signed-in owner.

acme is on main, bolt on main and eu, crux on eu, as in orders' tests.
"""

from __future__ import annotations

import pytest

from tests.api import Api


@pytest.fixture
def world(api: Api) -> dict:
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
