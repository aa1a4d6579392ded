"""Three vendors on two platforms, each with customers recorded at chosen instants through the API.

Today is 2026-06-15 12:00 UTC. The default 30-day window is 2026-05-17..2026-06-15 and the previous
window 2026-04-17..2026-05-16, both days included.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from tests.api import Api
from tests.fakes.clock import FrozenClock

CUSTOMERS = "/api/v1/vendor/customers"
TODAY = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)

# (when, email) per vendor
ACME = [
    (datetime(2026, 3, 1, 10, 0), "old@example.com"),  # before both windows
    (datetime(2026, 4, 16, 23, 59, 59), "before@example.com"),  # last second before the previous window
    (datetime(2026, 4, 17, 0, 0, 0), "prev-first@example.com"),  # first second of the previous window
    (datetime(2026, 5, 16, 23, 59, 59), "prev-last@example.com"),  # last second of the previous window
    (datetime(2026, 5, 17, 0, 0, 0), "now-first@example.com"),  # first second of this window
    (datetime(2026, 6, 15, 9, 0), "shared@example.com"),
]
BOLT = [(datetime(2026, 6, day, 8, 0), f"b{day}@example.com") for day in (1, 2, 3)] + [
    (datetime(2026, 6, 4, 8, 0), "shared@example.com")  # acme has this email too: a different customer
]
CRUX = [(datetime(2026, 5, 1, 8, 0), "c@example.com")]


def add_customer(api: Api, owner: dict[str, str], email: str, name: str | None = None) -> Any:
    body: dict[str, Any] = {"email": email} if name is None else {"email": email, "name": name}
    return api.post(CUSTOMERS, owner, **body)


@pytest.fixture
def world(api: Api, clock: FrozenClock) -> dict[str, Any]:
    """Platforms main and eu; acme on main, bolt on main and eu, crux on eu; each with its customers."""
    root = api.super_admin()
    main = api.platform(root, "main", "main.test")
    eu = api.platform(root, "eu", "eu.test")
    ids = {"acme": api.vendor(root, "acme", [main]), "bolt": api.vendor(root, "bolt", [main, eu])}
    ids["crux"] = api.vendor(root, "crux", [eu])
    owners = {
        name: api.user(root, f"owner@{name}.test", "vendor_owner", vendor_id=vendor_id)
        for name, vendor_id in ids.items()
    }
    for name, customers in (("acme", ACME), ("bolt", BOLT), ("crux", CRUX)):
        for when, email in customers:
            clock.set(when.replace(tzinfo=UTC))
            add_customer(api, owners[name], email)
    clock.set(TODAY)
    return {
        "root": root,
        "main": main,
        "eu": eu,
        **ids,
        "main_admin": api.user(root, "admin@main.test", "platform_admin", platform_id=main),
        **{f"{name}_owner": headers for name, headers in owners.items()},
    }
