"""Both nodes serve one database: a write through A is read through B, and B's dashboard equals the
raw tables; the replica streams what the primary wrote."""

from __future__ import annotations

import time
import uuid

import httpx
import psycopg
import pytest

from tests.cluster.harness import Harness

pytestmark = pytest.mark.cluster


def _raw_orders(harness: Harness) -> tuple[int, dict[str, int]]:
    """The vendor's order count and its revenue per currency, from the primary's tables: orders not
    cancelled or refunded, less what was refunded of them (README, `orders.total_revenue`)."""
    with psycopg.connect(harness.primary_dsn) as connection:
        count = connection.execute("SELECT count(*) FROM orders WHERE vendor_id = %s", [harness.vendor_id])
        total = count.fetchone()
        revenue = connection.execute(
            "SELECT currency, sum(total_cents - refunded_cents) FROM orders WHERE vendor_id = %s"
            " AND status NOT IN ('cancelled', 'refunded') GROUP BY currency",
            [harness.vendor_id],
        ).fetchall()
    assert total is not None
    return int(total[0]), {str(currency): int(cents) for currency, cents in revenue if cents}


def _dashboard_orders(dashboard: dict[str, object], currency: str) -> tuple[int, dict[str, int]]:
    figures = {m["key"]: m["value"] for m in dashboard["categories"]["orders"]}  # type: ignore[index]
    revenue = {currency: figures.pop("orders.total_revenue")}
    prefix = "orders.total_revenue_"
    revenue |= {
        key.removeprefix(prefix).upper(): value for key, value in figures.items() if key.startswith(prefix)
    }
    return figures["orders.total"], {code: cents for code, cents in revenue.items() if cents}


def test_both_nodes_are_ready(harness: Harness) -> None:
    for node in (harness.node_a, harness.node_b):
        answer = httpx.get(f"{node.base_url}/ready", timeout=5)
        assert answer.status_code == 200, answer.text


def test_pgbouncer_reaches_the_primary(harness: Harness) -> None:
    """The way the nodes' statements go (test_pgbouncer.py checks that they do)."""
    dsn = f"host=127.0.0.1 port={harness.bouncer.port} user=postgres dbname=tessera connect_timeout=5"
    with psycopg.connect(dsn, autocommit=True, prepare_threshold=None) as connection:
        row = connection.execute("SELECT inet_server_port(), pg_is_in_recovery()").fetchone()
    assert row == (harness.primary.port, False)


def test_an_order_written_through_a_is_read_through_b(harness: Harness, owner: dict[str, str]) -> None:
    headers = owner | {"Idempotency-Key": str(uuid.uuid4())}
    body = {"customer_email": "ana@cluster.test", "total_cents": 4321, "currency": "EUR", "status": "paid"}
    written = httpx.post(
        f"{harness.node_a.base_url}/api/v1/vendor/orders", json=body, headers=headers, timeout=10
    )
    assert written.status_code == 201, written.text
    order_id = written.json()["id"]

    read = httpx.get(f"{harness.node_b.base_url}/api/v1/vendor/orders/{order_id}", headers=owner, timeout=10)
    assert read.status_code == 200, read.text
    assert (read.json()["total_cents"], read.json()["status"]) == (4321, "paid")
    listed = httpx.get(f"{harness.node_b.base_url}/api/v1/vendor/orders", headers=owner, timeout=10)
    assert listed.json()["items"][0]["id"] == order_id


def test_the_dashboard_through_b_equals_the_primary_s_tables(harness: Harness, owner: dict[str, str]) -> None:
    answer = httpx.get(f"{harness.node_b.base_url}/api/v1/vendor/dashboard/stats", headers=owner, timeout=10)
    assert answer.status_code == 200, answer.text
    dashboard = answer.json()
    assert (dashboard["stale"], dashboard["unavailable"]) == (False, [])
    assert _dashboard_orders(dashboard, harness.currency) == _raw_orders(harness)


def test_the_replica_replays_what_the_primary_wrote(harness: Harness) -> None:
    with psycopg.connect(harness.primary_dsn, autocommit=True) as connection:
        row = connection.execute("SELECT pg_current_wal_lsn()::text").fetchone()
    assert row is not None
    written = row[0]
    deadline = time.monotonic() + 10
    while not harness.replica.has_replayed(written) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert harness.replica.has_replayed(written), harness.replica.log_tail()
