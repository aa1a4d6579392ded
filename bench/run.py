"""One benchmark run per database and scale: prepare the data, then serve and load each target.

Targets, each behind granian with the same number of workers, each loaded by the same k6 script:
`tessera` (`tessera serve`), `floor` (the providers' recorded SQL through the bare driver,
`bench/floor_app.py`), `framework` (the same SQL served by a bare Litestar app,
`bench/framework_app.py`) and `naive` (Tessera's app with one ORM query per figure, providers in turn,
`bench/naive_app.py`). `--targets` leaves the references out, `--runs` measures them all again.
"""

from __future__ import annotations

import os
import secrets
import sys
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

import httpx
import msgspec
from rich.console import Console

from adapters.settings_file import load_settings
from bench.capture import capture_dashboards
from bench.cpu import CpuTime
from bench.databases import Database, Kind, Prepared, locate, prepare
from bench.floor_app import PLAN_VARIABLE, FloorPlan
from bench.load import run_load
from bench.machine import describe_machine
from bench.memory import PeakMemory
from bench.options import TARGETS, Options
from bench.processes import REPOSITORY, BenchError, Server, executable, free_port, serving
from bench.report import Report, median_figures, print_report, write_report

__all__ = ("DASHBOARDS", "TARGETS", "run")

DASHBOARDS = {"vendor": "/api/v1/vendor/dashboard/stats", "admin": "/api/v1/admin/dashboard/stats"}
REPLAYS = ("floor", "framework")
"""The targets that replay the recorded statements: no sign-in, and their own small answer."""
PROVIDER_TIMEOUT_MS = 60_000
"""The benchmark measures how long figures take, so no provider is cut off at the default 2 s."""

console = Console(stderr=True)


def _environ(database: Database, secret: str) -> dict[str, str]:
    """The settings every process of a run reads: the servers, the CLI and the capture alike."""
    environ = dict(os.environ)
    settings = Path(environ.get("TESSERA_SETTINGS") or REPOSITORY / "settings.yaml").resolve()
    environ |= database.environ() | {
        "TESSERA_SETTINGS": str(settings),
        "TESSERA_AUTH__JWT_SECRET": secret,
        "TESSERA_METRICS__PROVIDER_TIMEOUT_MS": str(PROVIDER_TIMEOUT_MS),
        # the naive dashboard reads every raw row; its statements must not be cut at 5 s either
        "TESSERA_DATABASE__STATEMENT_TIMEOUT_MS": str(PROVIDER_TIMEOUT_MS),
    }
    return environ


def _url(server: Server, dashboard: str, prepared: Prepared) -> str:
    query = "period=30d&include_trends=true"
    if dashboard == "admin":
        query += f"&platform_id={prepared.platform['id']}"
    return f"{server.base_url}{DASHBOARDS[dashboard]}?{query}"


def _tokens(server: Server, prepared: Prepared) -> dict[str, str]:
    """Bearer tokens for each dashboard, from the server's own sign-in route."""
    tokens = {}
    with httpx.Client(base_url=server.base_url, timeout=30) as client:
        for dashboard, login in (("vendor", "owner"), ("admin", "admin")):
            answer = client.post(
                "/api/v1/auth/token", json={"email": prepared.logins[login], "password": prepared.password}
            )
            if answer.status_code != 200:
                raise BenchError(f"sign-in as {prepared.logins[login]}: {answer.status_code} {answer.text}")
            tokens[dashboard] = str(answer.json()["access_token"])
    return tokens


def _figures(server: Server, tokens: Mapping[str, str], prepared: Prepared) -> dict[str, Any]:
    """Every figure of both dashboards, to check the naive app answers exactly what Tessera does."""
    found: dict[str, Any] = {}
    for dashboard in DASHBOARDS:
        headers = {"Authorization": f"Bearer {tokens[dashboard]}"}
        body = httpx.get(_url(server, dashboard, prepared), headers=headers, timeout=120).json()
        found[dashboard] = {
            metric["key"]: (metric["value"], metric["trend"], metric["trend_value"])
            for metrics in body["categories"].values()
            for metric in metrics
        }
    return found


def _commands(workers: int, port: int) -> dict[str, list[str]]:
    where = ["--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
    # the server `tessera serve` runs (adapters/http/server.py), HTTP/1.1 as it serves
    granian = [sys.executable, "-m", "granian", "--interface", "asgi", "--http", "1", "--no-ws", *where]
    return {
        "tessera": [executable("tessera"), "serve", *where],
        "floor": [*granian, "bench.floor_app:app"],
        "framework": [*granian, "--factory", "bench.framework_app:create"],
        "naive": [*granian, "--factory", "bench.naive_app:create"],
    }


Measure = Callable[[str, bool], tuple[dict[str, Any], dict[str, Any] | None]]
"""`measure(target, served)`: both dashboards' load figures, and the figures served if `served`."""


def _measure(
    target: str, options: Options, environ: Mapping[str, str], prepared: Prepared, work: Path, served: bool
) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """Both dashboards' load figures on one target and, if `served`, every figure that app serves."""
    port = free_port()
    command = _commands(options.workers, port)[target]
    console.print(f"  {target}: serving on :{port} with {options.workers} workers")
    results: dict[str, Any] = {}
    with serving(command, environ, port, work / f"{target}.log") as server:
        replays = target in REPLAYS
        tokens = dict.fromkeys(DASHBOARDS, "") if replays else _tokens(server, prepared)
        figures = _figures(server, tokens, prepared) if served else None
        expect = '"statements":' if replays else '"unavailable":[]'
        for dashboard in DASHBOARDS:
            with PeakMemory(server.pid) as memory, CpuTime(server.pid) as cpu:
                load = run_load(
                    options.load, _url(server, dashboard, prepared), tokens[dashboard], expect, work
                )
            results[dashboard] = {**asdict(load), "peak_rss_mb": memory.peak_mb, **cpu.per_request(load.sent)}
            console.print(
                f"    {dashboard}: {load.rps:,.1f} req/s, p50 {load.p50_ms:.2f} ms, p99 {load.p99_ms:.2f} ms"
            )
    return results, figures


def _check_same_figures(tessera: dict[str, Any], naive: dict[str, Any]) -> None:
    """Both apps must serve the same dashboards, or their speeds do not compare."""
    differ = [
        f"{dashboard} {key}: Tessera {tessera[dashboard].get(key)}, naive {naive[dashboard].get(key)}"
        for dashboard in DASHBOARDS
        for key in sorted(set(tessera[dashboard]) | set(naive[dashboard]))
        if tessera[dashboard].get(key) != naive[dashboard].get(key)
    ]
    if differ:
        shown = "\n".join(differ[:10])
        raise BenchError(
            f"the naive app's figures differ from Tessera's (see tests/bench/test_naive.py):\n{shown}"
        )


def _rounds(targets: Sequence[str], runs: int, measure: Measure) -> dict[str, Any]:
    """`results[target][dashboard]`: the medians of `runs` rounds, each round every target in turn so
    the machine's noise falls on all alike. Naive's figures are checked against Tessera's once, in
    the first round, before more time goes into comparing their speeds."""
    measured: dict[str, list[dict[str, Any]]] = {target: [] for target in targets}
    compare = "naive" in targets
    for round_number in range(1, runs + 1):
        if runs > 1:
            console.print(f"  round {round_number} of {runs}")
        served: dict[str, Any] = {}
        for target in targets:
            results, figures = measure(target, compare and round_number == 1 and target not in REPLAYS)
            measured[target].append(results)
            if figures is not None:
                served[target] = figures
        if served:
            _check_same_figures(served["tessera"], served["naive"])
    return {
        target: {dashboard: median_figures([one[dashboard] for one in rounds]) for dashboard in DASHBOARDS}
        for target, rounds in measured.items()
    }


def _floor_plan(
    database: Database, prepared: Prepared, environ: Mapping[str, str], work: Path
) -> dict[str, int]:
    captured = capture_dashboards(environ, prepared.vendor["id"], prepared.platform["id"])
    if database.kind == "sqlite":
        target = database.url.removeprefix("sqlite:///")
    else:
        target = database.url.replace("postgresql+psycopg://", "postgresql://", 1)
    routes = {
        DASHBOARDS[name]: [(s.sql, s.parameters) for s in statements] for name, statements in captured.items()
    }
    FloorPlan(database.kind, target, routes).save(work / "floor.pickle")
    return {name: len(statements) for name, statements in captured.items()}


def _run_one(options: Options, kind: Kind, scale: str, machine: dict[str, Any], work: Path) -> Report:
    database = locate(kind, scale, options.data_dir, options.postgres_url, options.prefix)
    environ = _environ(database, secrets.token_urlsafe(48))
    console.print(f"[bold]{kind} · {scale}[/bold]: preparing {database.url}")
    prepared, how = prepare(database, options.seed, options.reseed, environ)
    console.print(f"  {how}: {prepared.rows.get('orders', 0):,} orders, seeded at {prepared.seeded_at}")
    statements = _floor_plan(database, prepared, environ, work)
    metrics = load_settings(environ=environ, require_secret=False).settings.metrics
    environ[PLAN_VARIABLE] = str(work / "floor.pickle")
    load_before = os.getloadavg()[0]
    results = _rounds(
        options.targets,
        options.runs,
        lambda target, served: _measure(target, options, environ, prepared, work, served),
    )
    return Report.build(
        kind,
        scale,
        options,
        machine,
        prepared,
        statements,
        {"metrics": msgspec.structs.asdict(metrics)},
        results,
        (load_before, os.getloadavg()[0]),
    )


def run(options: Options) -> list[Path]:
    """Every requested database and scale; the paths of the results files written."""
    machine = describe_machine(options.postgres_url)
    written = []
    for kind in options.databases:
        for scale in options.scales:
            with tempfile.TemporaryDirectory(prefix="tessera-bench-") as work:
                report = _run_one(options, kind, scale, machine, Path(work))
            written.append(write_report(report, options.results_dir))
            print_report(report)
    return written
