"""A table every dashboard and every write needs is locked far longer than any budget, under load.

Another session holds `figure_deltas` (the figures ledger's appended changes: every write appends
to it, every dashboard reads it) in ACCESS EXCLUSIVE mode, as a long migration or a stuck
maintenance job would, while readers and writers keep asking. Every request still answers within
its own bound: dashboards within their budget, as a 503 with Retry-After (every category, tenancy's
too, reads the ledger in one batch, whose read meets the lock timeout: no category reached the
database) or listing every category unavailable; writes 503 with Retry-After at the
lock timeout, having written nothing; `/health` at once. Afterwards the figures agree with the
orders and every pooled connection is back.
"""

from __future__ import annotations

import itertools
import time
from datetime import date

import httpx
import pytest
from sqlalchemy import func, select

from kernel.period import resolve_period
from modules.orders.models import Order
from tests.faults.conftest import FaultWorld, locked, sign_in
from tests.faults.live_app import Served, served
from tests.faults.traffic import Answer, Traffic
from tests.ledger import fast_equals_raw

pytestmark = pytest.mark.faults

BUDGET_S, LOCK_TIMEOUT_S = 1.0, 0.5
# A coarse bound, still below the stall: on a loaded CI machine (two test workers beside the served
# app) one dashboard took 2.4 s against 1 + 1. The benchmark measures the real one (budget + 250 ms).
MARGIN_S = 2.0
STALL_S = 4.0
SETTINGS = {
    "metrics": {"provider_timeout_ms": round(BUDGET_S * 1000)},
    "database": {"lock_timeout_ms": round(LOCK_TIMEOUT_S * 1000), "statement_timeout_ms": 2000},
}
DASHBOARD = "/api/v1/vendor/dashboard/stats"


def _orders(live: Served, vendor_id: int) -> int:
    with live.container.session_factory()() as session:
        return int(
            session.scalar(select(func.count()).select_from(Order).where(Order.vendor_id == vendor_id)) or 0
        )


def _during(answers: list[Answer], start: float, end: float) -> list[Answer]:
    return [a for a in answers if a.started >= start and a.started + a.elapsed <= end]


def test_a_locked_ledger_leaves_every_request_bounded_and_nothing_half_written(
    fault_world: FaultWorld,
) -> None:
    with served(fault_world.url, SETTINGS) as live:
        owner = sign_in(live)
        with live.client() as client:
            complete = client.get(DASHBOARD, headers=owner).json()
        assert complete["unavailable"] == []
        ledger = sorted(complete["categories"])  # every category reads the ledger
        before = _orders(live, fault_world.acme)
        emails = itertools.count()

        def order(client: httpx.Client) -> httpx.Response:
            """Each order from another customer, as in a shop: one customer's orders queue on their
            row of order_customers, and each of those waits is bounded on its own."""
            body = {"customer_email": f"c{next(emails)}@example.com", "total_cents": 1200}
            return client.post("/api/v1/vendor/orders", json=body, headers=owner)

        readers = Traffic(live.base, 8, lambda c: c.get(DASHBOARD, headers=owner)).start()
        writers = Traffic(live.base, 8, order).start()
        health = Traffic(live.base, 1, lambda c: c.get("/health"), pause_s=0.05).start()
        time.sleep(0.5)
        with locked(fault_world, "figure_deltas"):
            locked_at = time.monotonic()
            time.sleep(STALL_S)
            released_at = time.monotonic()
        time.sleep(1.5)
        dashboards, writes, probes = readers.stop(), writers.stop(), health.stop()

        for answer in dashboards:
            assert answer.status in (200, 503), answer
            assert answer.elapsed <= BUDGET_S + MARGIN_S, answer
            if answer.status == 503:
                assert answer.retry_after == "5", answer
        stalled = _during(dashboards, locked_at, released_at)
        assert stalled, "no dashboard was asked during the stall"
        assert all(a.status == 503 or sorted(a.body["unavailable"]) == ledger for a in stalled)

        assert {a.status for a in writes} == {201, 503}
        for answer in writes:
            assert answer.elapsed <= LOCK_TIMEOUT_S + MARGIN_S, answer
            if answer.status == 503:
                assert answer.retry_after == "5", answer
        assert all(a.status == 503 for a in _during(writes, locked_at + 0.05, released_at))

        # Not held by the stall (it lasts STALL_S): a coarse bound, as a loaded test machine can
        # delay any answer; the benchmark measures the real one (p99 against 50 ms).
        assert max(a.elapsed for a in probes) < STALL_S / 2
        assert all(a.status == 200 for a in probes)

        written = sum(a.status == 201 for a in writes)
        assert _orders(live, fault_world.acme) == before + written  # a 503 wrote no order
        today = date.today()
        context = resolve_period(
            today=today, period="30d", date_from=None, date_to=None, include_trends=False
        )
        fast_equals_raw(live.container, "orders", "vendor", fault_world.acme, context)  # nor half of one
        assert live.all_returned()
