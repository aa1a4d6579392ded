"""The write benchmark end to end at its smallest: both databases, real servers, k6, the lock-wait
sampler, the tables, and the Writes section of a copy of docs/benchmarks.md replaced in place. No
baseline: checking one out installs a virtualenv, a minute more.

Marked `bench` (run with `make bench-smoke`); about a minute.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bench.pg_cluster import server_programs
from bench.processes import REPOSITORY, BenchError, executable
from bench.writes.cli import main
from bench.writes.report import HEADING, markdown
from tests.database import REQUIRE_POSTGRES

pytestmark = [
    pytest.mark.bench,
    pytest.mark.skipif(
        server_programs() is None and not REQUIRE_POSTGRES,
        reason="PostgreSQL's server programs (initdb, pg_ctl) are not installed",
    ),
]


def test_writers_are_measured_on_both_databases_and_written_into_the_page(tmp_path: Path) -> None:
    try:
        executable("k6")
    except BenchError as error:
        pytest.skip(str(error))
    page = tmp_path / "benchmarks.md"
    shutil.copy(REPOSITORY / "docs" / "benchmarks.md", page)
    arguments = ["--databases", "postgresql,sqlite", "--many", "2", "--few", "2"]
    arguments += ["--scenarios", "writers-2-shared,mixed", "--seconds", "1", "--warmup-s", "1"]
    arguments += ["--workers", "1", "--results", str(tmp_path / "writes.json"), "--docs", str(page)]

    report = main(arguments)

    for database in ("postgresql", "sqlite"):
        shared, mixed = report["databases"][database]
        assert (shared["scenario"], shared["target"], mixed["scenario"]) == (
            "writers-2-shared",
            "current",
            "mixed",
        )
        assert shared["writes"]["statuses"].keys() == {"201"}
        assert shared["writes"]["per_s"] > 0
        assert mixed["dashboards"]["count"] > 0
    assert report["databases"]["postgresql"][0]["lock_waits"]["samples"] > 0
    assert report["databases"]["sqlite"][0]["lock_waits"] is None
    assert json.loads((tmp_path / "writes.json").read_text()) == report
    text = page.read_text()
    assert text.count(HEADING + "\n") == 1
    assert markdown(report) in text
