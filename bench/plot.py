"""`python -m bench.plot`: Tessera's p50 latency against the number of orders, from the results files.

One line per database and dashboard, orders on a log scale, written as a PNG for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from bench.processes import REPOSITORY

__all__ = ("main", "plot")

_DASHBOARDS = {"vendor": "vendor dashboard", "admin": "admin dashboard"}
_COLOURS = {"sqlite": "tab:blue", "postgresql": "tab:orange"}


def _series(reports: Sequence[dict[str, Any]]) -> dict[tuple[str, str], list[tuple[int, float]]]:
    """`(database, dashboard)` → `(orders, p50_ms)` points, fewest orders first."""
    series: dict[tuple[str, str], list[tuple[int, float]]] = {}
    for report in reports:
        orders = int(report["rows"]["orders"])
        for dashboard, figures in report["results"]["tessera"].items():
            series.setdefault((report["database"], dashboard), []).append((orders, float(figures["p50_ms"])))
    return {key: sorted(points) for key, points in sorted(series.items())}


def plot(results: Path, output: Path) -> Path:
    reports = [json.loads(path.read_text()) for path in sorted(results.glob("*.json"))]
    if not reports:
        raise SystemExit(f"no results in {results}: run `python -m bench` first")
    figure = Figure(figsize=(8, 4.5), dpi=120)
    FigureCanvasAgg(figure)  # the Agg canvas, set on this figure alone: no global backend, no window
    axes = figure.subplots()
    for (database, dashboard), points in _series(reports).items():
        orders, p50 = zip(*points, strict=True)
        style = "-" if dashboard == "vendor" else "--"
        label = f"{database}, {_DASHBOARDS.get(dashboard, dashboard)}"
        axes.plot(orders, p50, style, marker="o", color=_COLOURS.get(database), label=label)
    load = reports[0]["load"]
    axes.set_xscale("log")
    axes.set_ylim(bottom=0)
    axes.set_xlabel("orders in the database")
    axes.set_ylabel("p50 latency (ms)")
    axes.set_title(
        f"Tessera dashboards, {load['concurrency']} concurrent clients, {load['server_workers']} workers"
    )
    axes.grid(visible=True, which="both", alpha=0.3)
    axes.legend()
    figure.tight_layout()
    output.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(output)
    return output


def main(argv: Sequence[str] | None = None) -> Path:
    parser = argparse.ArgumentParser(prog="python -m bench.plot", description=__doc__.splitlines()[0])
    parser.add_argument("--results", type=Path, default=REPOSITORY / "bench" / "results")
    parser.add_argument("--output", type=Path, default=REPOSITORY / "docs" / "benchmarks-latency.png")
    arguments = parser.parse_args(argv)
    return plot(arguments.results, arguments.output)


if __name__ == "__main__":
    print(f"wrote {main()}")
