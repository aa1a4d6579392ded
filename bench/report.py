"""A run's results: the JSON file the docs and the plot are made from, and the table people read."""

from __future__ import annotations

import json
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from bench.databases import Prepared
from bench.load import seconds
from bench.options import Options

__all__ = ("Report", "median_figures", "print_report", "write_report")


def median_figures(runs: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """One dashboard's figures over `--runs` rounds: medians, so one noisy round does not move them,
    rounded as k6's own; every error counts and the peak memory is the highest. `runs` keeps each
    round's figures, for whoever wants the spread."""
    median = {
        key: statistics.median(run[key] for run in runs) for key in ("requests", "rps", "p50_ms", "p99_ms")
    }
    cpu = {
        key: round(statistics.median(run[key] for run in runs), 2)
        for key in ("server_cpu_ms", "postgres_cpu_ms")
        if all(key in run for run in runs)
    }
    return {
        "requests": round(median["requests"]),
        "rps": round(median["rps"], 1),
        "p50_ms": round(median["p50_ms"], 2),
        "p99_ms": round(median["p99_ms"], 2),
        "errors": sum(run["errors"] for run in runs),
        "peak_rss_mb": max(run["peak_rss_mb"] for run in runs),
        **cpu,
        "runs": [dict(run) for run in runs],
    }


def _ratio(results: dict[str, dict[str, Any]], reference: str, dashboard: str, figure: str) -> float | None:
    """Tessera's `figure` over the reference's; None when `--targets` left the reference out, or
    when either lacks the figure (results written before it was measured)."""
    if reference not in results:
        return None
    numerator = results["tessera"][dashboard].get(figure)
    denominator = results[reference][dashboard].get(figure)
    return round(numerator / denominator, 2) if numerator is not None and denominator else None


@dataclass(frozen=True)
class Report:
    content: dict[str, Any]

    @property
    def name(self) -> str:
        return f"{self.content['database']}-{self.content['scale']}"

    @classmethod
    def build(
        cls,
        database: str,
        scale: str,
        options: Options,
        machine: dict[str, Any],
        prepared: Prepared,
        statements: dict[str, int],
        settings: dict[str, Any],
        results: dict[str, dict[str, Any]],
        load_average: tuple[float, float],
    ) -> Report:
        """`results[target][dashboard]` holds rps, p50_ms, p99_ms, errors, peak_rss_mb, server_cpu_ms
        (the targets measured: Tessera always, the floor, the framework and naive unless `--targets`
        left them out); `settings` are the Tessera settings that bear on the figures (the metrics
        section: workers, cache).

        `load_average` is the machine's 1-minute load before and after the measurements: anything
        else running then (a test suite, a build) shows there, and makes the figures worth less.
        """
        load = options.load
        ratios = {
            dashboard: {
                "tessera_over_floor_p50": _ratio(results, "floor", dashboard, "p50_ms"),
                "tessera_over_floor_cpu": _ratio(results, "floor", dashboard, "server_cpu_ms"),
                "tessera_over_framework_cpu": _ratio(results, "framework", dashboard, "server_cpu_ms"),
                "tessera_over_naive_rps": _ratio(results, "naive", dashboard, "rps"),
            }
            for dashboard in results["tessera"]
        }
        return cls(
            {
                "database": database,
                "scale": scale,
                "seed": options.seed,
                "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "machine": machine,
                "load": {
                    "tool": "k6, constant-vus",
                    "concurrency": load.concurrency,
                    "duration_s": seconds(load.duration),
                    "warmup_s": seconds(load.warmup),
                    "server_workers": options.workers,
                    "runs": options.runs,
                    "load_average_1m": {
                        "before": round(load_average[0], 2),
                        "after": round(load_average[1], 2),
                    },
                },
                "seeded_with": ["tessera", *prepared.seeded_with],
                "seeded_at": prepared.seeded_at,
                "rows": prepared.rows,
                "vendor": prepared.vendor,
                "platform": prepared.platform,
                "statements": statements,
                "settings": settings,
                "results": results,
                "ratios": ratios,
            }
        )


def write_report(report: Report, directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{report.name}.json"
    path.write_text(json.dumps(report.content, indent=2) + "\n")
    return path


def _times(ratio: float | None) -> str:
    return "—" if ratio is None else f"x{ratio}"


def print_report(report: Report, console: Console | None = None) -> None:
    content = report.content
    load = content["load"]
    runs = load.get("runs", 1)  # files from before `--runs` made one run each
    table = Table(
        title=(
            f"{content['database']} · {content['scale']} · {content['rows'].get('orders', 0):,} orders · "
            f"{load['concurrency']} VUs, {load['duration_s']:g} s · {load['server_workers']} workers · "
            + (f"median of {runs} runs" if runs > 1 else "1 run")
        )
    )
    table.add_column("target")
    table.add_column("dashboard")
    for column in ("req/s", "p50 ms", "p99 ms", "errors", "peak RSS MB"):
        table.add_column(column, justify="right")
    for target, dashboards in content["results"].items():
        for dashboard, figures in dashboards.items():
            table.add_row(
                target,
                dashboard,
                f"{figures['rps']:,.1f}",
                f"{figures['p50_ms']:.2f}",
                f"{figures['p99_ms']:.2f}",
                str(figures["errors"]),
                f"{figures['peak_rss_mb']:,.1f}",
            )
    console = console or Console()
    console.print(table)
    for dashboard, ratios in content["ratios"].items():
        console.print(
            f"  {dashboard}: Tessera/floor p50 latency {_times(ratios['tessera_over_floor_p50'])}, "
            f"server CPU {_times(ratios.get('tessera_over_floor_cpu'))} "
            f"(over the bare framework's {_times(ratios.get('tessera_over_framework_cpu'))}), "
            f"Tessera/naive throughput {_times(ratios['tessera_over_naive_rps'])}"
        )
