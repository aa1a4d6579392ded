"""The nodes read dashboards from the replica: every answer equals the primary's raw tables within
the freshness it states; a user who just wrote sees it on the other node; a replica that lags past
`database.replica_max_lag_ms` is skipped, says so in `/ready`, and is read again once it catches up.

Times are the clients' wall clock, which is the nodes' own (one machine): an order acknowledged
before an answer's `fresh_as_of` must be in it, and one not yet sent when the answer arrived cannot be.
"""

from __future__ import annotations

import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from tests.cluster.harness import Harness
from tests.cluster.standby import REPLICA_MAX_LAG_MS
from tests.cluster.test_nodes import _dashboard_orders, _raw_orders

pytestmark = pytest.mark.cluster

STATS, ORDERS = "/api/v1/vendor/dashboard/stats", "/api/v1/vendor/orders"
CENTS = 1999


@dataclass
class Observed:
    """Each order's send and acknowledge times, and each dashboard's answer with its arrival."""

    sent: list[float] = field(default_factory=list)
    acknowledged: list[float] = field(default_factory=list)
    answers: list[tuple[float, dict[str, Any]]] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _write(harness: Harness, owner: dict[str, str], seen: Observed, stop: threading.Event, turn: int) -> None:
    nodes = [harness.node_a.base_url, harness.node_b.base_url]
    with httpx.Client(timeout=10, headers=owner) as client:
        while not stop.is_set():
            key = uuid.uuid4().hex
            body = {"customer_email": f"{key}@fresh.cluster.test", "total_cents": CENTS, "currency": "EUR",
                    "status": "paid"}  # fmt: skip
            with seen.lock:
                seen.sent.append(time.time())
            answer = client.post(nodes[turn % 2] + ORDERS, json=body, headers={"Idempotency-Key": key})
            turn += 1
            with seen.lock:
                if answer.status_code == 201:
                    seen.acknowledged.append(time.time())
                else:
                    seen.failures.append(f"order {answer.status_code}: {answer.text[:200]}")


def _read(harness: Harness, owner: dict[str, str], seen: Observed, stop: threading.Event, turn: int) -> None:
    nodes = [harness.node_a.base_url, harness.node_b.base_url]
    with httpx.Client(timeout=10, headers=owner) as client:
        while not stop.is_set():
            answer = client.get(nodes[turn % 2] + STATS)
            turn += 1
            arrived = time.time()
            with seen.lock:
                if answer.status_code == 200:
                    seen.answers.append((arrived, answer.json()))
                else:
                    seen.failures.append(f"dashboard {answer.status_code}: {answer.text[:200]}")
            time.sleep(0.02)


def _at(text: str) -> float:
    return datetime.fromisoformat(text).astimezone(UTC).timestamp()


def test_every_dashboard_equals_the_raw_tables_within_its_stated_freshness(
    harness: Harness, owner: dict[str, str]
) -> None:
    """Under orders and dashboards through both nodes: each answer's order count is at least the
    orders acknowledged before its `fresh_as_of` and at most those sent before it arrived, and its
    revenue moved by exactly those orders' totals; and the raw tables hold every order acknowledged."""
    base_count, base_revenue = _raw_orders(harness)
    seen, stop = Observed(), threading.Event()
    threads = [threading.Thread(target=_write, args=(harness, owner, seen, stop, n)) for n in range(2)]
    threads += [threading.Thread(target=_read, args=(harness, owner, seen, stop, n)) for n in range(2)]
    for thread in threads:
        thread.start()
    time.sleep(6)
    stop.set()
    for thread in threads:
        thread.join(timeout=30)
    assert seen.failures == []
    assert len(seen.answers) >= 20, len(seen.answers)
    sources = [answer["read_from"] for _, answer in seen.answers]
    assert "replica" in sources, sources  # the replica served some: this checks what it served
    wrong = []
    for arrived, answer in seen.answers:
        fresh_as_of = _at(answer["fresh_as_of"])
        count, revenue = _dashboard_orders(answer, harness.currency)
        least = sum(1 for at in seen.acknowledged if at < fresh_as_of)
        most = sum(1 for at in seen.sent if at <= arrived)
        added = count - base_count
        eur = revenue.get("EUR", 0) - base_revenue.get("EUR", 0)
        if not (least <= added <= most and eur == added * CENTS and fresh_as_of <= arrived):
            wrong.append((answer["read_from"], answer["fresh_as_of"], added, least, most, eur))
    assert wrong == []
    assert _raw_orders(harness)[0] == base_count + len(seen.acknowledged)


def test_a_write_through_a_is_on_its_owner_s_next_dashboard_through_b_while_replay_is_paused(
    harness: Harness, owner: dict[str, str]
) -> None:
    b = harness.node_b.base_url
    harness.replica.pause_replay()
    try:
        before = httpx.get(b + STATS, headers=owner, timeout=10).json()
        key = str(uuid.uuid4())
        body = {
            "customer_email": f"{key}@ryw.cluster.test",
            "total_cents": CENTS,
            "currency": "EUR",
            "status": "paid",
        }
        written = httpx.post(
            harness.node_a.base_url + ORDERS, json=body, headers=owner | {"Idempotency-Key": key}, timeout=10
        )
        assert written.status_code == 201, written.text
        began = time.monotonic()
        after = httpx.get(b + STATS, headers=owner, timeout=10).json()
        took = time.monotonic() - began
    finally:
        harness.replica.resume_replay()
    assert after["read_from"] == "primary"
    assert _dashboard_orders(after, harness.currency)[0] == _dashboard_orders(before, harness.currency)[0] + 1
    assert took < REPLICA_MAX_LAG_MS / 1000  # the bounded wait, not a replica skipped for its lag


def _ready_detail(harness: Harness) -> list[str]:
    details = []
    for node in (harness.node_a, harness.node_b):
        answer = httpx.get(node.base_url + "/ready", timeout=5)
        assert answer.status_code == 200, answer.text
        details.append(answer.json()["detail"])
    return details


def _until(seconds: float, done: Any) -> bool:
    ends = time.monotonic() + seconds
    while time.monotonic() < ends:
        if done():
            return True
        time.sleep(0.1)
    return bool(done())


def test_a_replica_lagging_past_the_bound_is_skipped_then_read_again_once_it_catches_up(
    harness: Harness, owner: dict[str, str]
) -> None:
    nodes = [harness.node_a.base_url, harness.node_b.base_url]
    harness.replica.pause_replay()
    try:
        key = str(uuid.uuid4())
        body = {
            "customer_email": f"{key}@lag.cluster.test",
            "total_cents": CENTS,
            "currency": "EUR",
            "status": "paid",
        }
        written = httpx.post(
            nodes[0] + ORDERS, json=body, headers=owner | {"Idempotency-Key": key}, timeout=10
        )
        assert written.status_code == 201, written.text
        assert _until(5, lambda: all("lagging" in detail for detail in _ready_detail(harness))), (
            _ready_detail(harness)
        )
        for node in nodes:
            answer = httpx.get(node + STATS, headers=owner, timeout=10).json()
            assert answer["read_from"] == "primary"
    finally:
        harness.replica.resume_replay()
    assert _until(5, lambda: all("replica in use" in detail for detail in _ready_detail(harness)))
    sources = {httpx.get(node + STATS, headers=owner, timeout=10).json()["read_from"] for node in nodes}
    assert sources == {"replica"}
