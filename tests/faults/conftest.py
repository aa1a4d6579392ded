"""A throwaway PostgreSQL cluster for the fault tests, migrated and seeded once per test session.

Faults are played on a cluster of our own (`bench/pg_cluster.py`): locking its tables or pausing its
backends must not touch the shared test server. The world is small: platform `main` (and `eu`),
vendor acme on main with an owner who signs in, a few orders to give the figures something to count.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import psycopg
import pytest

from adapters.bootstrap import bootstrap
from adapters.settings_file import settings_from_mapping
from bench.pg_cluster import TemporaryCluster, server_programs
from kernel.identity import SYSTEM, Role
from modules.tenancy.schemas import UserCreate
from tests.api import PASSWORD
from tests.database import SECRET, migrate
from tests.faults.live_app import Served
from tests.ledger import three_vendors
from tests.removal import module_settings

OWNER = "owner@acme.test"


@dataclass(frozen=True)
class FaultWorld:
    cluster: TemporaryCluster
    acme: int

    @property
    def url(self) -> str:
        return self.cluster.url

    @property
    def dsn(self) -> str:
        return f"host=127.0.0.1 port={self.cluster.port} user=postgres dbname={self.cluster.database}"


@pytest.fixture(scope="session")
def fault_world() -> Iterator[FaultWorld]:
    if server_programs() is None:
        if os.environ.get("TESSERA_REQUIRE_POSTGRES"):
            pytest.fail("PostgreSQL's server programs (initdb, pg_ctl) are not installed")
        pytest.skip("PostgreSQL's server programs (initdb, pg_ctl) are not installed")
    with TemporaryCluster() as cluster:
        migrate(cluster.url)
        raw: dict[str, Any] = {"database": {"url": cluster.url}, "auth": {"jwt_secret": SECRET}}
        container = bootstrap(settings_from_mapping({**raw, **module_settings()}))
        try:
            ids = three_vendors(container)
            user = UserCreate(email=OWNER, password=PASSWORD, role=Role.VENDOR_OWNER, vendor_id=ids["acme"])
            container.tenancy.user_service().create(SYSTEM, user)
        finally:
            container.shutdown_resources()
        yield FaultWorld(cluster, ids["acme"])


@contextmanager
def locked(world: FaultWorld, table: str) -> Iterator[None]:
    """Another session holds `table` in ACCESS EXCLUSIVE mode until the block ends."""
    with psycopg.connect(world.dsn) as holder:
        holder.execute(f"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE")
        yield
        holder.rollback()


def sign_in(served: Served) -> dict[str, str]:
    with served.client() as client:
        answer = client.post("/api/v1/auth/token", json={"email": OWNER, "password": PASSWORD})
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}
