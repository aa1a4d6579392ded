"""The page-cost benchmark end to end at its smallest: a tiny SQLite database prepared by the
harness, both dashboards' API call and page measured, each answer checked.

Marked `bench` (run with `make bench-smoke`); about 20 s. The benchmark runs as its own process,
as it is run by hand: it sets the `TESSERA_*` variables of the app it builds.
"""

from __future__ import annotations

import json
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from bench.databases import locate, prepare
from bench.processes import REPOSITORY
from bench.run import _environ

pytestmark = pytest.mark.bench


def test_both_dashboards_page_and_api_call_are_measured_side_by_side(tmp_path: Path) -> None:
    database = locate("sqlite", "tiny", tmp_path, "postgresql://unused", "tessera_bench_pages")
    prepare(database, 1, False, _environ(database, secrets.token_urlsafe(48)))
    command = [sys.executable, "-m", "bench.page_cost", "--database-url", database.url]
    command += ["--requests", "4", "--rounds", "2", "--concurrency", "2", "--cache-ttl-s", "0"]

    done = subprocess.run(command, cwd=REPOSITORY, capture_output=True, text=True, check=True)  # noqa: S603

    lines = done.stdout.strip().splitlines()
    result = json.loads(lines[0])
    assert result["cache_ttl_s"] == 0
    for dashboard in ("vendor", "admin"):
        api, page = result[dashboard]["api"], result[dashboard]["page"]
        assert api["cpu_ms"] > 0
        assert page["cpu_ms"] > 0
        assert result[dashboard]["cpu_ratio"] > 0
        assert len(page["cpu_ratio_per_round"]) == 2
        assert 0 < page["bytes"] < page["bytes_with_assets"]
        assert api["statements"] >= 1  # no dashboard cache: every call reads the ledger
    assert [line.split(" | ")[2] for line in lines[1:]] == ["vendor", "admin"]
