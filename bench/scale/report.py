"""The scale benchmark's figures as the tables docs/benchmarks.md shows."""

from __future__ import annotations

import os
from typing import Any

__all__ = ("markdown",)

_PARTS = ("nodes", "primary", "replica", "pgbouncer", "load generator")
_CORES = os.cpu_count() or 1


def _per_request_ms(cpu: dict[str, float], requests: int, part: str) -> str:
    return f"{cpu.get(part, 0.0) / requests * 1000:.2f}" if requests else "-"


def _row(name: str, scenario: dict[str, Any], baseline: float) -> str:
    writes, reads = scenario["writes"], scenario.get("dashboards")
    rate = writes["per_s"] + (reads["per_s"] if reads else 0.0)
    requests = writes["count"] + (reads["count"] if reads else 0)
    cpu = scenario["cpu_s"]
    busy = f"{cpu['machine'] / (cpu['wall'] or 1.0) / _CORES:.0%}"
    parts = sum(cpu.get(part, 0.0) for part in _PARTS)
    other = f"{(cpu['machine'] - parts) / (cpu['wall'] or 1.0) / _CORES:.0%}"
    errors = writes["errors"] + (reads["errors"] if reads else 0)
    cells = [
        name,
        f"{rate:.0f}",
        f"{rate / baseline:.2f}" if baseline else "-",
        f"{reads['p50_ms']:.0f} / {reads['p99_ms']:.0f}" if reads else "-",
        f"{writes['p50_ms']:.0f} / {writes['p99_ms']:.0f}" if writes["p50_ms"] is not None else "-",
        f"{errors:.0f}",
        *(_per_request_ms(cpu, requests, part) for part in _PARTS),
        busy,
        other,
    ]
    return "| " + " | ".join(cells) + " |"


def markdown(results: dict[str, dict[str, Any]], vus: int) -> str:
    lines = []
    for scenario in ("mixed", "writes"):
        baseline_rates = results.get("one node", {}).get(scenario)
        baseline = 0.0
        if baseline_rates:
            baseline = baseline_rates["writes"]["per_s"] + baseline_rates.get("dashboards", {}).get(
                "per_s", 0.0
            )
        lines += [
            f"**{scenario}** ({vus} clients)",
            "",
            "| deployment | answered/s | vs one node | dashboard p50 / p99 ms | order p50 / p99 ms | errors "
            "| CPU ms per request: nodes | primary | replica | pgbouncer | k6 | machine busy | other |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        lines += [_row(name, measured[scenario], baseline) for name, measured in results.items()]
        lines.append("")
    return "\n".join(lines)
