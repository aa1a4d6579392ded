"""Restarting the primary under writes: clients that retry with their idempotency key lose no order
and double none, and both nodes are ready again within 5 s of the primary being back."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import httpx
import psycopg
import pytest

from tests.cluster.harness import Harness
from tests.cluster.traffic import OrderWriter

pytestmark = pytest.mark.cluster

DOMAIN = "restart.cluster.test"
READY_WITHIN_S = 5.0


def _write_until(writer: OrderWriter, stop: threading.Event, turn: int) -> None:
    with httpx.Client(timeout=10) as client:
        while not stop.is_set():
            writer.place(client, turn)
            turn += 1


def _ready_after(harness: Harness, back_at: float) -> float:
    """Seconds from `back_at` until both nodes answer `/ready` 200 (polled every 50 ms, up to 30 s)."""
    waiting = {harness.node_a.base_url, harness.node_b.base_url}
    with httpx.Client(timeout=2) as client:
        while waiting and time.monotonic() - back_at < 30:
            for base_url in sorted(waiting):
                try:
                    if client.get(base_url + "/ready").status_code == 200:
                        waiting.discard(base_url)
                except httpx.TransportError:
                    pass
            time.sleep(0.05)
    assert not waiting, f"not ready 30 s after the primary came back: {waiting}"
    return time.monotonic() - back_at


def _orders_per_key(harness: Harness) -> dict[str, list[int]]:
    with psycopg.connect(harness.primary_dsn) as connection:
        rows = connection.execute(
            "SELECT split_part(customer_email, '@', 1), array_agg(id ORDER BY id) FROM orders"
            " WHERE customer_email LIKE %s GROUP BY 1",
            [f"%@{DOMAIN}"],
        ).fetchall()
    return {str(key): list(ids) for key, ids in rows}


def test_restarting_the_primary_loses_and_doubles_no_order(
    harness: Harness, owner: dict[str, str], measured: Callable[[str, float], None]
) -> None:
    writers = [
        OrderWriter([harness.node_a.base_url, harness.node_b.base_url], owner, DOMAIN) for _ in range(3)
    ]
    stop = threading.Event()
    threads = [
        threading.Thread(target=_write_until, args=(w, stop, n), daemon=True) for n, w in enumerate(writers)
    ]
    for thread in threads:
        thread.start()
    try:
        time.sleep(2)
        harness.primary.stop("fast")
        time.sleep(2)
        harness.primary.start()  # returns once the primary accepts connections
        back_at = time.monotonic()
        ready_s = _ready_after(harness, back_at)
        measured("primary back -> both nodes /ready 200", ready_s)
        time.sleep(2)  # writes go on once it is back
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=90)

    placed = {key: order for writer in writers for key, order in writer.placed.items()}
    failed = [answer for writer in writers for answer in writer.attempts if answer.failed]
    assert failed, "no request failed while the primary was down: the restart was not seen"
    assert len(placed) >= 10, f"too few orders to tell: {len(placed)}"
    assert _orders_per_key(harness) == {key: [order] for key, order in placed.items()}
    assert ready_s <= READY_WITHIN_S, f"both nodes ready {ready_s:.2f} s after the primary came back"
