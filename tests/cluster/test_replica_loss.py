"""Killing the replica mid-traffic costs no request: the nodes read dashboards from it
(`database.read_url`), and a read it fails is read again from the primary while the monitor skips it."""

from __future__ import annotations

import time

import pytest

from tests.cluster.harness import Harness
from tests.cluster.traffic import MixedTraffic

pytestmark = pytest.mark.cluster


def test_killing_the_replica_mid_traffic_fails_no_request(harness: Harness, owner: dict[str, str]) -> None:
    nodes = [harness.node_a.base_url, harness.node_b.base_url]
    try:
        with MixedTraffic(nodes, owner) as traffic:
            time.sleep(2)
            harness.replica.stop("immediate")
            killed_at = len(traffic.answers)
            time.sleep(4)
    finally:
        harness.replica.start()  # the next tests find it again; the slot kept the WAL it missed
    after = traffic.answers[killed_at:]
    assert len(after) >= 10, f"too little traffic after the kill to tell: {len(after)} answers"
    assert [answer for answer in traffic.answers if answer.failed] == []
    harness.replica.wait_streaming(harness.primary_dsn)
