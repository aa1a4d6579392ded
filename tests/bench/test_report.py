"""The results of a run, from made-up figures: medians over `--runs`, and a report, table and plot
that show a dash where `--targets` left a reference out."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from bench.databases import Prepared
from bench.load import Load
from bench.options import Options
from bench.plot import plot
from bench.report import Report, median_figures, print_report, write_report
from bench.tables import tables

pytestmark = pytest.mark.bench


def _run(requests: int, rps: float, p50: float, p99: float, errors: int, rss: float) -> dict[str, Any]:
    return {
        "requests": requests,
        "rps": rps,
        "p50_ms": p50,
        "p99_ms": p99,
        "errors": errors,
        "peak_rss_mb": rss,
    }


def _figures(rps: float, p50: float) -> dict[str, Any]:
    return median_figures([_run(int(rps * 10), rps, p50, p50 * 3, 0, 300.0)])


def _report(tmp_path: Path, database: str, orders: int, results: dict[str, Any], runs: int = 1) -> Report:
    options = Options(
        scales=["small"],
        databases=["sqlite"],
        seed=1,
        load=Load(8, "10s", "3s"),
        postgres_url="postgresql+psycopg://postgres@127.0.0.1:5432/postgres",
        reseed=False,
        results_dir=tmp_path,
        data_dir=tmp_path,
        targets=tuple(results),
        runs=runs,
    )
    prepared = Prepared(
        seeded_with=["catalog"],
        seeded_at="2025-01-01T00:00:00+00:00",
        migrations={},
        rows={"orders": orders},
        vendor={"id": 1},
        platform={"id": 2},
        logins={},
        password="unused",
        figures="unused",
    )
    statements = {"vendor": 7, "admin": 7}
    return Report.build(database, "small", options, {}, prepared, statements, {}, results, (0.5, 1.25))


def test_odd_runs_give_the_middle_figures_all_errors_and_the_highest_memory() -> None:
    runs = [
        _run(1000, 100.0, 40.0, 90.0, 0, 300.5),
        _run(1200, 120.0, 35.5, 150.0, 1, 310.2),
        _run(900, 90.0, 41.25, 80.0, 2, 305.0),
    ]
    assert median_figures(runs) == {
        "requests": 1000,
        "rps": 100.0,
        "p50_ms": 40.0,
        "p99_ms": 90.0,
        "errors": 3,
        "peak_rss_mb": 310.2,
        "runs": runs,
    }


def test_even_runs_give_the_mean_of_the_two_middle_figures() -> None:
    runs = [_run(1000, 100.0, 40.1, 90.0, 0, 300.0), _run(1011, 101.0, 40.2, 95.0, 0, 299.0)]
    figures = median_figures(runs)
    assert {key: figures[key] for key in ("requests", "rps", "p50_ms", "p99_ms", "peak_rss_mb")} == {
        "requests": 1006,  # 1005.5, to the even integer
        "rps": 100.5,
        "p50_ms": 40.15,  # not 40.150000000000006
        "p99_ms": 92.5,
        "peak_rss_mb": 300.0,
    }


def test_one_run_keeps_its_figures() -> None:
    run = _run(1503, 150.3, 41.69, 231.2, 0, 303.9)
    assert median_figures([run]) == {**run, "runs": [run]}


def test_a_report_without_naive_has_no_naive_results_and_no_naive_ratio(tmp_path: Path) -> None:
    results = {
        "tessera": {"vendor": _figures(150.0, 40.0), "admin": _figures(120.0, 55.0)},
        "floor": {"vendor": _figures(1000.0, 8.0), "admin": _figures(500.0, 11.0)},
        "framework": {"vendor": _figures(800.0, 10.0), "admin": _figures(400.0, 13.0)},
    }
    for target, cpu in (("tessera", 2.0), ("floor", 0.25), ("framework", 0.4)):
        for figures in results[target].values():
            figures["server_cpu_ms"] = cpu
    content = _report(tmp_path, "postgresql", 10_000, results, runs=3).content
    assert list(content["results"]) == ["tessera", "floor", "framework"]
    ratios = {
        "tessera_over_floor_p50": 5.0,
        "tessera_over_floor_cpu": 8.0,
        "tessera_over_framework_cpu": 5.0,
        "tessera_over_naive_rps": None,
    }
    assert content["ratios"] == {"vendor": ratios, "admin": ratios}
    assert content["load"] == {
        "tool": "k6, constant-vus",
        "concurrency": 8,
        "duration_s": 10.0,
        "warmup_s": 3.0,
        "server_workers": 2,
        "runs": 3,
        "load_average_1m": {"before": 0.5, "after": 1.25},
    }


def test_a_report_without_the_floor_has_no_floor_ratio(tmp_path: Path) -> None:
    results = {
        "tessera": {"vendor": _figures(150.0, 40.0), "admin": _figures(120.0, 55.0)},
        "naive": {"vendor": _figures(30.0, 300.0), "admin": _figures(8.0, 1100.0)},
    }
    no_floor = dict.fromkeys(
        ("tessera_over_floor_p50", "tessera_over_floor_cpu", "tessera_over_framework_cpu")
    )
    assert _report(tmp_path, "sqlite", 200_000, results).content["ratios"] == {
        "vendor": {**no_floor, "tessera_over_naive_rps": 5.0},
        "admin": {**no_floor, "tessera_over_naive_rps": 15.0},
    }


def test_the_printed_report_names_the_runs_and_dashes_the_missing_ratio(tmp_path: Path) -> None:
    results = {"tessera": {"vendor": _figures(150.0, 40.0)}, "floor": {"vendor": _figures(1000.0, 8.0)}}
    output = io.StringIO()
    print_report(_report(tmp_path, "sqlite", 10_000, results, runs=3), Console(file=output, width=200))
    printed = " ".join(output.getvalue().split())  # the title wraps at the table's width
    assert "sqlite · small · 10,000 orders · 8 VUs, 10 s · 2 workers · median of 3 runs" in printed
    expected = "vendor: Tessera/floor p50 latency x5.0, server CPU — (over the bare framework's —), "
    assert expected + "Tessera/naive throughput —" in printed
    assert "naive" not in printed.replace("Tessera/naive", "")


def test_tables_and_plot_dash_what_a_file_did_not_measure(tmp_path: Path) -> None:
    directory = tmp_path / "results"
    full = {
        target: {"vendor": _figures(rps, p50), "admin": _figures(rps / 2, p50 * 2)}
        for target, rps, p50 in (("tessera", 1500.0, 40.0), ("floor", 3000.0, 8.0), ("naive", 30.0, 300.0))
    }
    write_report(_report(tmp_path, "sqlite", 10_000, full), directory)
    write_report(_report(tmp_path, "postgresql", 10_000, {"tessera": full["tessera"]}), directory)
    assert tables(directory).splitlines()[2:] == [
        "| postgresql | small | 10,000 | vendor | 1,500.0 | 40.0 | 120.0 | — | — | — | — | — | — | 300.0 |",
        "| postgresql | small | 10,000 | admin | 750.0 | 80.0 | 240.0 | — | — | — | — | — | — | 300.0 |",
        "| sqlite | small | 10,000 | vendor | 1,500.0 | 40.0 | 120.0 | 3,000.0 | 8.0 | 30.0 | 300.0"
        " | 5.0 | 50.0 | 300.0 |",
        "| sqlite | small | 10,000 | admin | 750.0 | 80.0 | 240.0 | 1,500.0 | 16.0 | 15.0 | 600.0"
        " | 5.0 | 50.0 | 300.0 |",
    ]
    picture = plot(directory, tmp_path / "latency.png")
    assert picture.read_bytes().startswith(b"\x89PNG")


def test_cpu_per_request_is_the_median_of_the_runs_and_gets_its_own_table(tmp_path: Path) -> None:
    runs = [
        {**_run(1000, 100.0, 40.0, 90.0, 0, 300.0), "server_cpu_ms": 4.1, "postgres_cpu_ms": 1.0},
        {**_run(1000, 100.0, 40.0, 90.0, 0, 300.0), "server_cpu_ms": 3.9, "postgres_cpu_ms": 1.2},
        {**_run(1000, 100.0, 40.0, 90.0, 0, 300.0), "server_cpu_ms": 5.0, "postgres_cpu_ms": 0.9},
    ]
    tessera = median_figures(runs)
    assert (tessera["server_cpu_ms"], tessera["postgres_cpu_ms"]) == (4.1, 1.0)
    floor = median_figures(
        [{**_run(5000, 500.0, 8.0, 20.0, 0, 120.0), "server_cpu_ms": 1.5, "postgres_cpu_ms": 1.1}]
    )
    results = {"tessera": {"vendor": tessera, "admin": tessera}, "floor": {"vendor": floor, "admin": floor}}
    write_report(_report(tmp_path, "postgresql", 10_000, results), tmp_path)
    printed = tables(tmp_path).split("\n\n")[1].splitlines()
    assert printed[2:] == [
        "| postgresql | small | vendor | 4.1 | 1.0 | 1.5 | 1.1 |",
        "| postgresql | small | admin | 4.1 | 1.0 | 1.5 | 1.1 |",
    ]


def test_a_file_without_cpu_figures_prints_no_cpu_table(tmp_path: Path) -> None:
    figures = _figures(100.0, 40.0)
    write_report(
        _report(tmp_path, "sqlite", 10_000, {"tessera": {"vendor": figures, "admin": figures}}), tmp_path
    )
    assert "CPU" not in tables(tmp_path)
