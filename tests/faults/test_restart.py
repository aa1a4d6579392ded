"""PostgreSQL stopped and started again under the real app: while it is down every request that needs
it answers 503 with Retry-After and none 500; once it is back the next requests succeed, and every
order written before and after is counted exactly once, in the table and on the dashboards.

The database really stops: a throwaway cluster of this module's own (`bench/pg_cluster.py`), never
the shared server other tests use. Without PostgreSQL's server programs the module is skipped, unless
TESSERA_REQUIRE_POSTGRES=1, where the fixture fails instead.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from dependency_injector import providers
from httpx import Response
from litestar.testing import TestClient
from sqlalchemy import text

from adapters.bootstrap import bootstrap
from adapters.container import Container
from adapters.database.migrations import upgrade
from adapters.http.app import create_app
from adapters.settings_file import settings_from_mapping
from bench.pg_cluster import TemporaryCluster, server_programs
from tests.api import Api, figures
from tests.conftest import FAST_HASHER
from tests.database import REQUIRE_POSTGRES, SECRET

pytestmark = pytest.mark.skipif(
    server_programs() is None and not REQUIRE_POSTGRES,
    reason="PostgreSQL's server programs (initdb, pg_ctl) are not installed",
)

VENDOR, ADMIN = "/api/v1/vendor/dashboard/stats", "/api/v1/admin/dashboard/stats"
ORDERS = "/api/v1/vendor/orders"
BACK_WITHIN_S = 1.0


@pytest.fixture(scope="module")
def cluster() -> Iterator[TemporaryCluster]:
    with TemporaryCluster() as made:
        yield made


@pytest.fixture
def container(cluster: TemporaryCluster) -> Iterator[Container]:
    """The real bootstrap with the shipped settings, on the cluster: every module on, migrated."""
    settings = {"database": {"url": cluster.url}, "auth": {"jwt_secret": SECRET}}
    built = bootstrap(settings_from_mapping(settings, source="test settings"))
    built.tenancy.password_hasher.override(providers.Object(FAST_HASHER))
    upgrade(built.engine(), built.enabled_modules())
    try:
        yield built
    finally:
        built.shutdown_resources()


def _order(client: TestClient[Any], owner: dict[str, str], cents: int) -> Response:
    body = {"customer_email": f"c{cents}@example.com", "total_cents": cents, "status": "paid"}
    return client.post(ORDERS, json=body, headers=owner)


def _while_down(client: TestClient[Any], world: dict[str, Any]) -> list[tuple[str, Response]]:
    """Each kind of request twice: the first may meet a pooled connection the stop closed, the second
    a refused new one."""
    sign_in = {"email": "owner@acme.test", "password": "correct horse battery"}
    admin_stats = {"platform_id": world["main"]}
    asked = []
    for _ in range(2):
        asked += [
            ("vendor dashboard", client.get(VENDOR, headers=world["acme_owner"])),
            ("admin dashboard", client.get(ADMIN, headers=world["root"], params=admin_stats)),
            ("order write", _order(client, world["acme_owner"], 999)),
            ("order list", client.get(ORDERS, headers=world["acme_owner"])),
            ("sign-in", client.post("/api/v1/auth/token", json=sign_in)),
        ]
    return asked


def _until_served(client: TestClient[Any], world: dict[str, Any]) -> tuple[dict[str, Any], float]:
    """Retry a complete dashboard and a write until both succeed (one order written); the dashboard,
    and how long it took."""
    started, dashboard, written = time.monotonic(), None, False
    while time.monotonic() - started < 5 * BACK_WITHIN_S:
        if dashboard is None:
            answer = client.get(VENDOR, headers=world["acme_owner"])
            if answer.status_code == 200 and not answer.json()["unavailable"]:
                dashboard = answer.json()
        if not written:
            written = _order(client, world["acme_owner"], 4000).status_code == 201
        if dashboard is not None and written:
            break
        time.sleep(0.05)
    assert dashboard is not None, "no complete dashboard after the restart"
    assert written, "no order written after the restart"
    return dashboard, time.monotonic() - started


def _orders_in_table(container: Container, vendor_id: int) -> tuple[int, int]:
    with container.engine().connect() as connection:
        row = connection.execute(
            text("SELECT count(*), coalesce(sum(total_cents), 0) FROM orders WHERE vendor_id = :v"),
            {"v": vendor_id},
        ).one()
    return int(row[0]), int(row[1])


def _checked_in_settles(container: Container) -> int:
    pool = container.engine().pool
    for _ in range(200):  # a dashboard's worker thread returns its connection just after it answers
        if pool.checkedout() == 0:  # type: ignore[attr-defined]
            break
        time.sleep(0.01)
    return int(pool.checkedout())  # type: ignore[attr-defined]


def test_a_stopped_database_is_503_and_service_returns_with_every_order_counted_once(
    cluster: TemporaryCluster, container: Container
) -> None:
    with TestClient(create_app(container)) as client:
        api = Api(client, container)
        world = api.three_vendors()
        for cents in (1500, 2500, 700):
            api.order(world["acme_owner"], cents)
        api.order(world["bolt_owner"], 1200)

        cluster.stop()
        try:
            answers = _while_down(client, world)
            ready, health = client.get("/ready"), client.get("/health")
        finally:
            cluster.start()

        assert [name for name, answer in answers if answer.status_code == 500] == []
        others = [(name, answer.status_code) for name, answer in answers if answer.status_code != 503]
        assert others == [], f"answered other than 503 while PostgreSQL was stopped: {others}"
        assert all(answer.headers.get("retry-after") for _, answer in answers)
        assert (ready.status_code, health.status_code) == (503, 200)

        _, took = _until_served(client, world)
        assert took < BACK_WITHIN_S
        api.order(world["acme_owner"], 300)

        # 3 before, 1 while recovering, 1 after; the writes answered 503 wrote nothing
        assert _orders_in_table(container, world["acme"]) == (5, 1500 + 2500 + 700 + 4000 + 300)
        acme = figures(api.stats(VENDOR, world["acme_owner"]), "orders")
        assert (acme["orders.total"], acme["orders.total_revenue"]) == (5, 9000)
        main = figures(api.stats(ADMIN, world["root"], platform_id=world["main"]), "orders")
        assert main["orders.total"] == 5 + 1  # acme and bolt are on main
        assert _checked_in_settles(container) == 0
