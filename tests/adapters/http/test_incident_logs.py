"""What an operator reads during an incident: the real app failing for real, and the lines the
process's logging (`adapters/logs`) writes about it, not one per request.

A bug every request hits is one traceback, then a count. PostgreSQL stopping under load (a relay in
front of the server, cut as `pg_ctl stop` would) is a handful of lines for 200 requests over a
simulated 40 seconds, whatever logger writes them: the 503 handler's, the aggregator's, the pool's.
"""

from __future__ import annotations

import itertools
import json
import logging
from collections import Counter
from collections.abc import Iterator

import pytest
from argon2 import PasswordHasher
from dependency_injector import providers
from litestar.testing import TestClient
from sqlalchemy.engine import make_url

from adapters.bootstrap import bootstrap
from adapters.http.app import create_app
from adapters.logs.line_formats import JsonFormatter
from adapters.settings_file import settings_from_mapping
from tests.api import Api
from tests.database import SECRET, migrated
from tests.fakes.log_lines import LogLines
from tests.fakes.orders import BrokenOrderService
from tests.removal import module_settings
from tests.tcp_relay import TcpRelay
from tests.written_logs import suppressed, written_lines

ORDERS = "/api/v1/vendor/orders"
DASHBOARD = "/api/v1/vendor/dashboard/stats"


def _owner(api: Api) -> dict[str, str]:
    """The owner's headers, with a host naming the platform: a host that names nothing is looked up
    again after a second, and would need the database."""
    root = api.super_admin()
    acme = api.vendor(root, "acme", [api.platform(root, "main", "main.test")])
    return {**api.user(root, "owner@acme.test", "vendor_owner", vendor_id=acme), "host": "main.test"}


def test_fifty_identical_server_errors_write_one_traceback(api: Api) -> None:
    owner = _owner(api)
    broken = providers.Object(BrokenOrderService())
    with api.container.orders.order_service.override(broken), written_lines(JsonFormatter()) as written:
        for _ in range(50):
            assert api.client.get(ORDERS, headers=owner).status_code == 500
        written.clock.advance(10)
        written.handler.flush()
    first, count = (json.loads(line) for line in written.lines.text)
    assert (first["level"], first["logger"], first["message"]) == (
        "ERROR",
        "tessera.http",
        f"unhandled error on GET {ORDERS}",
    )
    assert first["exception"].startswith("Traceback (most recent call last):")
    assert first["exception"].endswith("RuntimeError: the orders of vendor 1 cannot be read")
    assert (count["message"], count["suppressed"], count["suppressed_s"]) == (first["message"], 49, 10)
    assert count["exception"] == (
        "RuntimeError: the orders of vendor 1 cannot be read (traceback written with the first line like it)"
    )


@pytest.fixture
def stoppable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Api, TcpRelay]]:
    """The real app on PostgreSQL through a relay the test can stop."""
    with migrated("postgresql", tmp_path_factory) as url:
        server = make_url(url)
        relay = TcpRelay(server.host or "127.0.0.1", server.port or 5432)
        relayed = server.set(host="127.0.0.1", port=relay.port).render_as_string(hide_password=False)
        settings = {
            "database": {"url": relayed},
            "auth": {"jwt_secret": SECRET},
            "platform": {"host_cache_ttl_s": 3600},  # the look-ups stay cached however slow the run
            "ledger": {"fold_interval_ms": 0},  # the requests' lines are counted, not the folder's
            **module_settings(),
        }
        container = bootstrap(settings_from_mapping(settings))
        cheap = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
        container.tenancy.password_hasher.override(providers.Object(cheap))
        try:
            with TestClient(create_app(container), base_url="http://testserver.local") as client:
                yield Api(client, container), relay
        finally:
            relay.stop()
            container.shutdown_resources()


@pytest.mark.postgres
def test_a_database_stopped_under_load_writes_a_handful_of_lines(stoppable: tuple[Api, TcpRelay]) -> None:
    """Every dashboard logs its failed read (one for every category) and its 503, every order write
    its 503: 300 records over a simulated 40 s. Each 10 s writes a handful of lines: the first of
    each cause (a refused connection, a pooled one that died with the server), then one count per
    cause. Each is a single line (an outage is expected: no traceback), and every record not
    written is counted."""
    api, relay = stoppable
    owner = _owner(api)
    api.order(owner, 1500)
    api.stats(DASHBOARD, owner)  # the look-ups each request makes (tenant, account, modules) are cached
    relay.stop()
    answers: Counter[int] = Counter()
    order = {"customer_email": "ana@example.com", "total_cents": 4999}
    made, totals = LogLines(), [0]
    root = logging.getLogger()
    root.addHandler(made)
    try:
        with written_lines() as written:
            for number in range(200):
                if number % 2:
                    answers[api.client.post(ORDERS, json=order, headers=owner).status_code] += 1
                else:
                    answers[api.client.get(DASHBOARD, headers=owner).status_code] += 1
                if number % 50 == 49:  # the end of each 10 s
                    totals.append(len(written.lines.records))
                written.clock.advance(0.2)  # 200 requests over 40 seconds
            written.handler.close()
            totals.append(len(written.lines.records))
    finally:
        root.removeHandler(made)
    assert answers == {503: 200}  # no category of a dashboard reached the database: an outage too
    named = Counter(record.name for record in made.records)
    # the change listener's connection went too: one warning, its attempts after it are debug lines
    # (whether it lands before the handler is added or after depends on when its thread sees it)
    assert named.pop("tessera.changes", 0) <= 1
    assert named == {
        "tessera.metrics": 100,  # per dashboard: the ledger's one batch read, tenancy's figures included
        "tessera.http": 200,  # every request's 503
    }
    lines = written.lines.records
    shown = "\n".join(written.lines.text)
    assert [after - before <= 6 for before, after in itertools.pairwise(totals)] == [True] * 5, shown
    assert not [text for text in written.lines.text if "\n" in text]
    assert len(made.records) <= len(lines) + sum(suppressed(line)[0] for line in lines)
