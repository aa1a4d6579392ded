"""Dashboards, series and rankings read from the replica, writes from the primary, on PostgreSQL.

`database.read_url` names the test database itself, a stand-in for a replica reached through an
engine of its own; the monitor is the real one, its two probes fakes whose positions each test sets
(`tests/fakes/replica.py`). Write positions are PostgreSQL's own: the stamps the change notices carry.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import psycopg
import pytest
from dependency_injector import providers
from litestar.testing import TestClient
from sqlalchemy.engine import make_url

from adapters.container import Container
from adapters.http.app import create_app
from adapters.replica.monitor import ReplicaMonitor
from adapters.replica.positions import UNKNOWN, WrittenPositions, lsn_number
from tests.adapters.prometheus.scraping import samples, scrape
from tests.api import Api, figures
from tests.fakes.clock import Stopwatch
from tests.fakes.replica import FakeProbes
from tests.fakes.sessions import UnreachableSessions
from tests.statements import counted

STATS, SERIES = "/api/v1/vendor/dashboard/stats", "/api/v1/vendor/dashboard/series"
ADMIN_STATS, TOP = "/api/v1/admin/dashboard/stats", "/api/v1/admin/dashboard/top-vendors"


class Replicated:
    def __init__(self, api: Api, probes: FakeProbes, monitor: ReplicaMonitor, dsn: str) -> None:
        self.api, self.probes, self.monitor, self._dsn = api, probes, monitor, dsn
        root = api.super_admin()
        self.platform = api.platform(root, "main")
        self.vendor = api.vendor(root, "acme", [self.platform])
        self.root = root
        self.owner = api.user(root, "owner@acme.test", "vendor_owner", vendor_id=self.vendor)

    def wal(self) -> int:
        with psycopg.connect(self._dsn, autocommit=True) as connection:
            row = connection.execute("SELECT pg_current_wal_lsn()::text").fetchone()
        assert row is not None
        return lsn_number(str(row[0]))

    def caught_up(self) -> None:
        """The replica has replayed everything the primary has written so far."""
        self.probes.primary = self.probes.replayed = self.wal()
        assert self.monitor.check().in_use

    def positions(self) -> WrittenPositions:
        positions = self.api.container.written_positions()
        assert positions is not None
        return positions

    def written(self) -> int:
        position = self.positions().last(("vendor", self.vendor))
        assert position is not None
        return position


def _replicated(
    make_container: Callable[..., Container], database_url: str, **database: Any
) -> Iterator[Replicated]:
    if not database_url.startswith("postgresql"):
        pytest.skip("a replica to read from is PostgreSQL's (database.read_url)")
    container = make_container({"database": {"read_url": database_url, **database}})
    probes = FakeProbes(0, 0)
    monitor = ReplicaMonitor(
        probes.primary_position,
        probes.replica_status,
        container.clock(),
        max_lag_s=5.0,
        observer=container.process_metrics(),
    )
    container.replica_monitor.override(providers.Object(monitor))
    listened = Stopwatch()  # the owners' positions' own time: the tests say when it passes
    container.written_positions.override(providers.Object(WrittenPositions(6.0, clock=listened)))
    url = make_url(database_url)
    dsn = f"host={url.host} port={url.port or 5432} user={url.username} dbname={url.database}"
    with TestClient(create_app(container), base_url="http://testserver.local") as client:
        # The listener connected at start-up, when writes made before it might have gone unheard:
        # every owner read the primary for the positions' bound. The tests start once that passed.
        assert container.written_positions().last(("vendor", 0)) == UNKNOWN  # type: ignore[union-attr]
        listened.advance(6.1)
        yield Replicated(Api(client, container), probes, monitor, dsn)


@pytest.fixture
def replicated(make_container: Callable[..., Container], database_url: str) -> Iterator[Replicated]:
    yield from _replicated(make_container, database_url)


def test_dashboards_series_and_rankings_read_the_replica_and_writes_the_primary(
    replicated: Replicated,
) -> None:
    api, container = replicated.api, replicated.api.container
    primary, replica = container.metrics_engine(), container.replica_engine()
    assert replica is not None
    with counted(container.engine(), primary) as on_primary, counted(replica) as on_replica:
        api.order(replicated.owner, 1500)
    assert (bool(on_primary), on_replica) == (True, [])
    replicated.caught_up()
    now = container.clock().now().isoformat().replace("+00:00", "Z")
    with counted(container.engine(), primary) as on_primary, counted(replica) as on_replica:
        answers = [
            api.stats(STATS, replicated.owner),
            api.stats(SERIES, replicated.owner, keys="orders.period_orders"),
            api.stats(ADMIN_STATS, replicated.root, platform_id=replicated.platform),
            api.stats(TOP, replicated.root, platform_id=replicated.platform),
        ]
    assert (bool(on_replica), on_primary) == (True, [])
    assert [(answer["read_from"], answer["fresh_as_of"]) for answer in answers] == [("replica", now)] * 4
    assert figures(answers[0], "orders")["orders.total"] == 1


def test_the_write_s_stamp_is_the_primary_s_position_after_its_commit(replicated: Replicated) -> None:
    before = replicated.wal()
    replicated.api.order(replicated.owner, 1500)
    written = replicated.written()
    assert before < written <= replicated.wal()
    assert written != UNKNOWN
    assert replicated.positions().last(("platform", replicated.platform)) is None  # see the next test


def test_a_dashboard_after_its_owner_s_write_waits_for_the_replica_then_reads_the_primary(
    replicated: Replicated,
) -> None:
    api = replicated.api
    replicated.caught_up()
    api.order(replicated.owner, 1500)
    replicated.probes.primary = replicated.written()  # the replica stays where it was
    replicated.monitor.check()
    began = time.monotonic()
    answer = api.stats(STATS, replicated.owner)
    waited = time.monotonic() - began
    assert (answer["read_from"], figures(answer, "orders")["orders.total"]) == ("primary", 1)
    assert answer["fresh_as_of"] == answer["generated_at"]
    assert waited >= 0.2  # database.read_your_writes_wait_ms
    # The platform's dashboard is not the writer's: it reads the replica at once, as of its freshness
    platform = api.stats(ADMIN_STATS, replicated.root, platform_id=replicated.platform)
    assert platform["read_from"] == "replica"
    replicated.probes.replayed = replicated.written()  # now it has the write
    replicated.monitor.check()
    assert api.stats(STATS, replicated.owner)["read_from"] == "replica"


def test_a_write_the_replica_replays_within_the_wait_is_read_from_the_replica(replicated: Replicated) -> None:
    api = replicated.api
    replicated.caught_up()
    api.order(replicated.owner, 1500)
    written = replicated.written()
    replicated.probes.primary = written
    replicated.monitor.check()
    timer = threading.Timer(0.05, lambda: setattr(replicated.probes, "replayed", written))
    timer.start()
    answer = api.stats(STATS, replicated.owner)
    timer.join()
    assert (answer["read_from"], figures(answer, "orders")["orders.total"]) == ("replica", 1)


def test_a_replica_the_monitor_skips_is_not_read_and_ready_says_why(replicated: Replicated) -> None:
    api = replicated.api
    replicated.caught_up()
    ready = api.client.get("/ready")
    assert (ready.status_code, ready.json()["detail"]) == (
        200,
        "database reachable and migrated; replica in use, 0.0 s behind",
    )
    replicated.probes.replica_down = True
    replicated.monitor.check()
    answer = api.stats(STATS, replicated.owner)
    assert (answer["read_from"], answer["fresh_as_of"]) == ("primary", answer["generated_at"])
    ready = api.client.get("/ready")
    assert (ready.status_code, ready.json()["detail"]) == (
        200,
        "database reachable and migrated; replica skipped: unreachable (connection refused)",
    )


def test_metrics_show_the_replica_s_state_and_where_dashboards_read(replicated: Replicated) -> None:
    api = replicated.api
    replicated.caught_up()
    api.stats(STATS, replicated.owner)
    replicated.probes.in_recovery = False
    replicated.monitor.check()
    api.stats(STATS, replicated.owner)
    found = samples(scrape(api.client.app).text)
    assert [sample.value for sample in found["tessera_replica_in_use"]] == [0.0]
    reads = {
        s.labels["source"]: s.value for s in found["tessera_dashboard_reads"] if s.name.endswith("_total")
    }
    assert reads == {"replica": 1.0, "primary": 1.0}
    replicated.probes.in_recovery = True
    replicated.caught_up()
    found = samples(scrape(api.client.app).text)
    assert [s.value for s in found["tessera_replica_in_use"]] == [1.0]
    assert [s.value for s in found["tessera_replica_lag_seconds"]] == [0.0]


def test_a_replica_read_that_fails_is_read_again_from_the_primary(replicated: Replicated) -> None:
    api, container = replicated.api, replicated.api.container
    api.order(replicated.owner, 1500)
    replicated.caught_up()
    container.replica_sessions.override(providers.Object(UnreachableSessions()))
    for name in ("read_router", "dashboard_service", "dashboard_series"):
        getattr(container, name).reset()
    answer = api.stats(STATS, replicated.owner)
    assert (answer["read_from"], figures(answer, "orders")["orders.total"], answer["unavailable"]) == (
        "primary",
        1,
        [],
    )
    assert replicated.monitor.state().reason.startswith("skipped: a read failed (")
    replicated.monitor.check()  # the monitor finds it well again; the series' read fails on it too
    series = api.stats(SERIES, replicated.owner, keys="orders.period_orders")
    assert series["read_from"] == "primary"
