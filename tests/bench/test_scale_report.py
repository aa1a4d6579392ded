"""The scale benchmark's figures: medians over rounds, and a row per deployment with its ratio to
one node, its latencies and the CPU each part spent per request."""

from __future__ import annotations

from typing import Any

from bench.scale.report import markdown
from bench.scale.run import _medians


def _scenario(writes_per_s: float, dashboards_per_s: float, nodes_cpu_s: float) -> dict[str, Any]:
    requests = {"count": 100, "per_s": dashboards_per_s, "p50_ms": 10.0, "p99_ms": 40.0, "errors": 0}
    cpu = {"nodes": nodes_cpu_s, "primary": 0.1, "replica": 0.0, "pgbouncer": 0.0, "load generator": 0.05}
    return {
        "window_s": 20.0,
        "writes": {"count": 100, "per_s": writes_per_s, "p50_ms": 20.0, "p99_ms": 80.0, "errors": 1},
        "dashboards": requests,
        "cpu_s": cpu | {"machine": 30.0, "wall": 20.0},
    }


def test_medians_are_taken_figure_by_figure() -> None:
    rounds = [
        {"mixed": _scenario(10, 90, 0.4)},
        {"mixed": _scenario(30, 70, 0.2)},
        {"mixed": _scenario(20, 80, 0.3)},
    ]
    median = _medians(rounds)["mixed"]
    assert (median["writes"]["per_s"], median["dashboards"]["per_s"], median["cpu_s"]["nodes"]) == (
        20,
        80,
        0.3,
    )


def test_each_deployment_is_a_row_against_one_node() -> None:
    results = {
        "one node": {"mixed": _scenario(10, 90, 0.4), "writes": _scenario(50, 0, 1.0)},
        "two nodes": {"mixed": _scenario(9, 81, 0.5), "writes": _scenario(55, 0, 1.1)},
    }
    table = markdown(results, vus=16)
    rows = [
        line for line in table.splitlines() if line.startswith("| one node") or line.startswith("| two nodes")
    ]
    assert rows[0].startswith(
        "| one node | 100 | 1.00 | 10 / 40 | 20 / 80 | 1 | 2.00 | 0.50 | 0.00 | 0.00 | 0.25 |"
    )
    assert rows[1].startswith("| two nodes | 90 | 0.90 | 10 / 40 | 20 / 80 | 1 | 2.50 | 0.50 |")
    assert "**writes** (16 clients)" in table
