"""The servers set up their logging from the settings: `tessera serve`, and each worker process.

A real `tessera serve` in another process writes every line as JSON, granian's own included, and its
access log (when switched on) one line per request, never collapsed. A worker of `tessera serve
--workers N` is a fresh process that builds its app from the settings; one is started here the
same way, through `app_from_environment`, without the server around it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
import yaml

from tests.adapters.http.live_server import served
from tests.database import SECRET

KEYS = {"time", "level", "logger", "pid", "message"}
_WORKER = """
import logging
from adapters.http.asgi import app_from_environment
app_from_environment()
for vendor in range(100):
    logging.getLogger("tessera.metrics").warning("metrics provider %r failed on vendor %d", "cms", vendor)
"""


def test_tessera_serve_writes_json_lines(tmp_path: Path) -> None:
    with served(tmp_path, {"logging": {"format": "json"}}, server={"access_log": True}) as base:
        for _ in range(30):
            assert httpx.get(f"{base}/health").status_code == 200
    lines = [json.loads(line) for line in (tmp_path / "serve.log").read_text().splitlines()]
    assert all(line.keys() >= KEYS for line in lines)
    assert any(line["message"].startswith("Starting granian") for line in lines)
    requests = [
        line for line in lines if line["logger"] == "granian.access" and "GET /health" in line["message"]
    ]
    assert len(requests) >= 30
    assert not [
        line for line in lines if line["logger"].startswith("alembic")
    ]  # the migration check's notices


def test_a_worker_process_sets_up_its_own_logging(tmp_path: Path) -> None:
    settings = tmp_path / "settings.yaml"
    raw = {"database": {"url": f"sqlite:///{tmp_path / 'unused.db'}"}, "logging": {"format": "json"}}
    settings.write_text(yaml.safe_dump(raw))
    environ = {**os.environ, "TESSERA_SETTINGS": str(settings), "TESSERA_AUTH__JWT_SECRET": SECRET}
    done = subprocess.run(  # noqa: S603 - this interpreter, a fixed script
        [sys.executable, "-c", _WORKER], env=environ, capture_output=True, text=True, timeout=120, check=True
    )
    written = [json.loads(line) for line in done.stderr.splitlines()]
    assert [(line["message"], line.get("suppressed")) for line in written] == [
        ("metrics provider 'cms' failed on vendor 0", None),
        ("metrics provider 'cms' failed on vendor 99", 99),  # counted, written when the process ended
    ]
