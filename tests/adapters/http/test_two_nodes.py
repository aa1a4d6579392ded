"""Two nodes over one database: two containers, two apps, as two server processes (or machines)
would be. What one changes, the other's next request sees (SQLite: the very next request, through
the file beside the database; PostgreSQL: within a second, through LISTEN/NOTIFY), not after its
caches' TTLs, which are long here (60 s) so that only a told change can explain what B sees."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from dependency_injector import providers
from litestar.testing import TestClient

from adapters.container import Container
from adapters.dashboards.cache import DashboardCache
from adapters.http.app import create_app
from tests.api import PASSWORD, Api, figures

SETTINGS = {"metrics": {"cache_ttl_s": 60}, "platform": {"host_cache_ttl_s": 60}}
WITHIN_S = 1.0


class Lookups:
    def __init__(self) -> None:
        self.hits: list[bool] = []

    def cache_looked_up(self, hit: bool) -> None:
        self.hits.append(hit)


@pytest.fixture
def nodes(make_container: Callable[..., Container]) -> Iterator[tuple[Api, Api, Lookups]]:
    """Node A and node B; B's dashboard cache reports its look-ups."""
    a, b = make_container(SETTINGS), make_container(SETTINGS)
    lookups = Lookups()
    b.dashboard_cache.override(providers.Singleton(DashboardCache, 60, observer=lookups))
    with (
        TestClient(create_app(a), base_url="http://testserver.local") as on_a,
        TestClient(create_app(b), base_url="http://testserver.local") as on_b,
    ):
        yield Api(on_a, a), Api(on_b, b), lookups


def seen(node: Api, answer: Callable[[], Any], expected: Any) -> None:
    """On SQLite the next request must see it; on PostgreSQL within `WITHIN_S` (B's listener thread)."""
    if node.container.engine().dialect.name == "sqlite":
        assert answer() == expected
        return
    deadline = time.monotonic() + WITHIN_S
    while (found := answer()) != expected:
        assert time.monotonic() < deadline, f"not seen within {WITHIN_S} s: {found!r}"
        time.sleep(0.01)


def _status(node: Api, path: str, headers: dict[str, str], host: str = "main.test") -> tuple[int, str]:
    response = node.client.get(path, headers={**headers, "host": host})
    return response.status_code, response.json().get("detail", "") if response.status_code >= 400 else ""


def _world(a: Api) -> dict[str, Any]:
    root = a.super_admin()
    main, eu = a.platform(root, "main", "main.test"), a.platform(root, "eu", "eu.test")
    bolt = a.vendor(root, "bolt", [main, eu])
    member = a.post(
        "/api/v1/admin/users",
        root,
        email="staff@bolt.test",
        password=PASSWORD,
        role="vendor_member",
        vendor_id=bolt,
    )
    owner = a.user(root, "owner@bolt.test", "vendor_owner", vendor_id=bolt)
    return {"root": root, "main": main, "eu": eu, "bolt": bolt, "owner": owner, "member_id": member["id"]}


def test_a_module_switched_off_through_a_is_off_on_b(nodes: tuple[Api, Api, Lookups]) -> None:
    a, b, _ = nodes
    world = _world(a)
    pages = "/api/v1/vendor/cms/pages"
    assert _status(b, pages, world["owner"]) == (200, "")  # B has the switches cached now
    path = f"/api/v1/admin/platforms/{world['main']}/modules/cms"
    assert a.client.put(path, json={"enabled": False}, headers=world["root"]).status_code == 200
    seen(
        b,
        lambda: _status(b, pages, world["owner"]),
        (404, "the 'cms' module is switched off for this platform"),
    )
    assert a.client.put(path, json={"enabled": True}, headers=world["root"]).status_code == 200
    seen(b, lambda: _status(b, pages, world["owner"]), (200, ""))


def test_a_user_switched_off_through_a_is_refused_on_b(nodes: tuple[Api, Api, Lookups]) -> None:
    a, b, _ = nodes
    world = _world(a)
    member = b.login("staff@bolt.test")
    assert _status(b, "/api/v1/vendor/cms/pages", member) == (200, "")  # B has the account cached now
    path = f"/api/v1/admin/users/{world['member_id']}"
    response = a.client.patch(path, json={"is_active": False}, headers=world["root"])
    assert (response.status_code, response.json()["is_active"]) == (200, False)
    refused = (
        401,
        "this token no longer matches an active account (switched off, or its role or tenant changed): "
        "sign in again",
    )
    seen(b, lambda: _status(b, "/api/v1/vendor/cms/pages", member), refused)
    assert (
        b.client.post(
            "/api/v1/auth/token", json={"email": "staff@bolt.test", "password": PASSWORD}
        ).status_code
        == 401
    )


def test_a_vendor_detached_and_attached_again_through_a_is_seen_on_b(nodes: tuple[Api, Api, Lookups]) -> None:
    a, b, _ = nodes
    world = _world(a)
    pages, owner = "/api/v1/vendor/cms/pages", world["owner"]
    assert _status(b, pages, owner, host="eu.test") == (200, "")
    assert (
        b.client.get("/api/v1/vendor/cms/pages", headers={**owner, "host": "bolt.eu.test"}).status_code == 200
    )
    membership = f"/api/v1/admin/platforms/{world['eu']}/vendors"
    assert a.client.delete(f"{membership}/{world['bolt']}", headers=world["root"]).status_code == 200
    seen(
        b,
        lambda: _status(b, pages, owner, host="eu.test"),
        (403, "vendor 'bolt' is not active on platform 'eu'"),
    )
    assert (
        a.client.post(membership, json={"vendor_id": world["bolt"]}, headers=world["root"]).status_code == 201
    )
    seen(b, lambda: _status(b, pages, owner, host="eu.test"), (200, ""))


def test_an_order_written_through_a_drops_bs_cached_dashboards_of_the_vendor_and_its_platforms(
    nodes: tuple[Api, Api, Lookups],
) -> None:
    a, b, lookups = nodes
    world = _world(a)
    root, owner = world["root"], world["owner"]

    def orders() -> tuple[int, ...]:
        vendor = b.stats("/api/v1/vendor/dashboard/stats", owner)
        main = b.stats("/api/v1/admin/dashboard/stats", root, platform_id=world["main"])
        eu = b.stats("/api/v1/admin/dashboard/stats", root, platform_id=world["eu"])
        return tuple(figures(d, "orders")["orders.total"] for d in (vendor, main, eu))

    assert orders() == (0, 0, 0)
    assert orders() == (0, 0, 0)
    assert lookups.hits == [False, False, False, True, True, True]  # B keeps them
    a.order(owner, 1500)
    seen(b, orders, (1, 1, 1))
