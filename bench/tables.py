"""`python -m bench.tables [RESULTS_DIR]`: the results files as the Markdown tables of
docs/benchmarks.md, so the document is pasted from measurements, never typed: the load figures,
then the CPU per request where a run measured it."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

__all__ = ("main", "tables")

_ORDER = {"small": 0, "medium": 1, "large": 2, "xlarge": 3}
_MISSING = "—"
"""In the columns of a target the run left out (`--targets`), and of its ratio."""


def _reports(directory: Path) -> list[dict[str, Any]]:
    reports = [json.loads(path.read_text(encoding="utf-8")) for path in directory.glob("*.json")]
    return sorted(reports, key=lambda r: (r["database"], _ORDER.get(r["scale"], -1)))


def _cell(value: float | None, grouped: bool = False) -> str:
    if value is None:
        return _MISSING
    return f"{value:,}" if grouped else str(value)


def _figures(results: dict[str, Any], target: str, dashboard: str) -> tuple[str, str]:
    """A target's req/s and p50 ms on one dashboard, or dashes if it was not measured."""
    figures = results.get(target, {}).get(dashboard)
    if figures is None:
        return _MISSING, _MISSING
    return _cell(figures["rps"], grouped=True), _cell(figures["p50_ms"])


def tables(directory: Path) -> str:
    header = (
        "| database | scale | orders | dashboard | Tessera req/s | p50 ms | p99 ms | floor req/s"
        " | floor p50 ms | naive req/s | naive p50 ms | Tessera/floor p50 | Tessera/naive req/s"
        " | peak RSS MB |\n| --- | --- | ---: | --- |" + " ---: |" * 10
    )
    lines = [header]
    for report in _reports(directory):
        results, ratios = report["results"], report["ratios"]
        for dashboard in ("vendor", "admin"):
            tessera, ratio = results["tessera"][dashboard], ratios[dashboard]
            floor, naive = (_figures(results, target, dashboard) for target in ("floor", "naive"))
            orders = report["rows"].get("orders", 0)
            lines.append(
                f"| {report['database']} | {report['scale']} | {orders:,} | {dashboard}"
                f" | {tessera['rps']:,} | {tessera['p50_ms']} | {tessera['p99_ms']}"
                f" | {floor[0]} | {floor[1]} | {naive[0]} | {naive[1]}"
                f" | {_cell(ratio['tessera_over_floor_p50'])} | {_cell(ratio['tessera_over_naive_rps'])}"
                f" | {tessera['peak_rss_mb']} |"
            )
    return "\n".join(lines) + "\n" + _cpu_table(directory)


def _cpu(results: dict[str, Any], target: str, dashboard: str) -> tuple[str, str]:
    figures = results.get(target, {}).get(dashboard, {})
    return _cell(figures.get("server_cpu_ms")), _cell(figures.get("postgres_cpu_ms"))


def _cpu_table(directory: Path) -> str:
    """CPU milliseconds per request, for the files that measured it: where each target's time goes."""
    lines = [
        "\n| database | scale | dashboard | Tessera server CPU ms | Tessera PostgreSQL CPU ms"
        " | floor server CPU ms | floor PostgreSQL CPU ms |\n| --- | --- | --- |" + " ---: |" * 4
    ]
    for report in _reports(directory):
        results = report["results"]
        for dashboard in ("vendor", "admin"):
            if "server_cpu_ms" not in results["tessera"][dashboard]:
                continue
            tessera, floor = _cpu(results, "tessera", dashboard), _cpu(results, "floor", dashboard)
            lines.append(
                f"| {report['database']} | {report['scale']} | {dashboard}"
                f" | {tessera[0]} | {tessera[1]} | {floor[0]} | {floor[1]} |"
            )
    return "\n".join(lines) + "\n" if len(lines) > 1 else ""


def main(argv: Sequence[str] | None = None) -> None:
    arguments = list(sys.argv[1:] if argv is None else argv)
    directory = Path(arguments[0]) if arguments else Path(__file__).with_name("results")
    sys.stdout.write(tables(directory))


if __name__ == "__main__":
    main()
