"""`tessera serve --workers 2` with `logging.format: json`: every line of every process is JSON.

A real server in other processes: the parent sets up logging in `tessera serve`, each worker in the
ASGI entry point it imports, and uvicorn's own lines (start-up, each request's access line) go the
same way, one line per request since the access log is never collapsed.
"""

from __future__ import annotations

import json
from pathlib import Path

import httpx

from tests.adapters.http.live_server import served

KEYS = {"time", "level", "logger", "pid", "message"}


def test_every_process_of_a_served_app_writes_json_lines(tmp_path: Path) -> None:
    with served(tmp_path, {"logging": {"format": "json"}}, ["--workers", "2"]) as base:
        for _ in range(30):
            assert httpx.get(f"{base}/health").status_code == 200
    lines = [json.loads(line) for line in (tmp_path / "serve.log").read_text().splitlines()]
    assert all(line.keys() >= KEYS for line in lines)
    workers = {line["pid"] for line in lines if line["message"].startswith("Started server process")}
    assert len(workers) == 2
    requests = [
        line for line in lines if line["logger"] == "uvicorn.access" and "GET /health" in line["message"]
    ]
    assert len(requests) >= 30
    assert {line["pid"] for line in requests} <= workers
    assert not [
        line for line in lines if line["logger"].startswith("alembic")
    ]  # the migration check's notices
