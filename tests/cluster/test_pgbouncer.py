"""The nodes behind pgbouncer in transaction pooling mode (`database.transaction_pooling`): their
statements go through it, mixed traffic meets no error, and the bounds a connection can no longer
carry from its start still hold, now set per transaction: a write waiting for a lock gives up at
`database.lock_timeout_ms` (2 s) with nothing written, instead of waiting as long as the lock is held."""

from __future__ import annotations

import threading
import time
import uuid

import httpx
import psycopg
import pytest

from tests.cluster.harness import Harness
from tests.cluster.traffic import MixedTraffic

pytestmark = pytest.mark.cluster

_HELD_S = 4.0


def _orders(harness: Harness) -> int:
    with psycopg.connect(harness.primary_dsn) as connection:
        row = connection.execute("SELECT count(*) FROM orders").fetchone()
    assert row is not None
    return int(row[0])


def test_the_nodes_statements_go_through_pgbouncer(harness: Harness, owner: dict[str, str]) -> None:
    for node in (harness.node_a, harness.node_b):
        answer = httpx.get(f"{node.base_url}/api/v1/vendor/orders", headers=owner, timeout=10)
        assert answer.status_code == 200, answer.text
    assert harness.bouncer.clients("tessera") >= 2


def test_mixed_traffic_through_pgbouncer_meets_no_error(harness: Harness, owner: dict[str, str]) -> None:
    """Prepared statements were what failed here before (one client's, met on another's server
    connection); psycopg now prepares none."""
    with MixedTraffic([harness.node_a.base_url, harness.node_b.base_url], owner, clients=4) as traffic:
        time.sleep(8)
    failed = [answer for answer in traffic.answers if answer.failed]
    orders = [answer for answer in traffic.answers if answer.kind == "order"]
    assert (failed, len(orders) >= 20) == ([], True), f"{len(traffic.answers)} answers"


def test_a_write_waiting_for_a_lock_gives_up_at_the_lock_timeout(
    harness: Harness, owner: dict[str, str]
) -> None:
    held = threading.Event()

    def hold() -> None:
        with psycopg.connect(harness.primary_dsn) as connection:
            connection.execute("LOCK TABLE figure_deltas IN ACCESS EXCLUSIVE MODE")
            held.set()
            time.sleep(_HELD_S)

    holder = threading.Thread(target=hold, daemon=True)
    before = _orders(harness)
    holder.start()
    assert held.wait(10)
    started = time.monotonic()
    body = {"customer_email": "locked@cluster.test", "total_cents": 500, "currency": "EUR", "status": "paid"}
    answer = httpx.post(
        f"{harness.node_a.base_url}/api/v1/vendor/orders",
        json=body,
        headers=owner | {"Idempotency-Key": str(uuid.uuid4())},
        timeout=15,
    )
    waited = time.monotonic() - started
    holder.join(timeout=15)
    assert (answer.status_code, waited < _HELD_S - 0.5) == (503, True), (answer.text, waited)
    assert _orders(harness) == before
