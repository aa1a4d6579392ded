"""The fault benchmark end to end at its smallest: a throwaway cluster, a real server, k6, one
restart, the tables, and the Faults section of a copy of docs/benchmarks.md replaced in place.

Marked `bench` (run with `make bench-smoke`); about 25 s.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bench.faults.cli import main
from bench.faults.report import HEADING, markdown, write_section
from bench.pg_cluster import server_programs
from bench.processes import REPOSITORY, BenchError, executable
from tests.database import REQUIRE_POSTGRES

pytestmark = [
    pytest.mark.bench,
    pytest.mark.skipif(
        server_programs() is None and not REQUIRE_POSTGRES,
        reason="PostgreSQL's server programs (initdb, pg_ctl) are not installed",
    ),
]


def _headings(page: str) -> list[str]:
    return [line for line in page.splitlines() if line.startswith("## ")]


def test_a_restart_is_measured_and_written_into_the_page(tmp_path: Path) -> None:
    try:
        executable("k6")
    except BenchError as error:
        pytest.skip(str(error))
    page = tmp_path / "benchmarks.md"
    shutil.copy(REPOSITORY / "docs" / "benchmarks.md", page)
    before = _headings(page.read_text())
    arguments = ["--scenarios", "restart", "--scale", "tiny", "--readers", "2", "--writers", "2"]
    arguments += ["--workers", "1", "--warmup-s", "1", "--before-s", "1", "--after-s", "2"]
    arguments += ["--results", str(tmp_path / "faults.json"), "--docs", str(page)]

    report = main(arguments)

    [restart] = report["scenarios"]
    assert restart["scenario"] == "restart"
    assert restart["answers"] > 0
    assert restart["wrong_figures"] == []
    assert restart["recovery"]["service_s"] is not None
    assert json.loads((tmp_path / "faults.json").read_text()) == report
    text = page.read_text()
    assert text.count(HEADING + "\n") == 1
    assert markdown(report) in text
    assert "| restart |" in markdown(report)
    assert [h for h in _headings(text) if h != HEADING] == [h for h in before if h != HEADING]
    write_section(report, page)  # the next run replaces the section
    assert page.read_text() == text
