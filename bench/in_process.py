"""CPU per dashboard request with no HTTP in the loop: the ASGI app called directly, in process.

    python bench/in_process.py --database-url postgresql+psycopg://…/tessera_bench_large
    python bench/in_process.py … --baseline /path/to/other/tree   # A/B, alternating

The app is built as `tessera serve` builds it (settings.yaml, its lifespan run) and called by
`--concurrency` tasks on one event loop, `--requests` requests per dashboard; CPU is the process's
own (every thread), so PostgreSQL's share is not in it. The logins and the platform come from the
harness's marker in the database (`bench/databases.py`: the database must have been prepared by
`python -m bench` or `bench.databases.prepare`).

It runs as a script, importing only the app: with `--baseline` each run is a child process whose
`PYTHONPATH` is one tree or the other, alternately, so two commits are compared in one sitting on
a machine whose load drifts. `--profile FILE` writes a cProfile of one run instead.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import os
import pstats
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

from adapters.http.asgi import app_from_environment

__all__ = ("main",)

DASHBOARDS = {"vendor": "/api/v1/vendor/dashboard/stats", "admin": "/api/v1/admin/dashboard/stats"}
HERE = Path(__file__).resolve()


class _Client:
    """Calls an ASGI app directly: one scope per request, the whole body in one message."""

    def __init__(self, app: Any) -> None:
        self._app = app
        self._never = asyncio.Event()

    async def request(
        self, method: str, path: str, query: str = "", token: str = "", body: bytes = b""
    ) -> tuple[int, bytes]:
        headers = [(b"host", b"127.0.0.1:8000")]
        if token:
            headers.append((b"authorization", f"Bearer {token}".encode()))
        if body:
            headers += [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        scope = {
            "type": "http",
            "asgi": {"version": "3.0", "spec_version": "2.3"},
            "http_version": "1.1",
            "method": method,
            "scheme": "http",
            "path": path,
            "raw_path": path.encode(),
            "query_string": query.encode(),
            "root_path": "",
            "headers": headers,
            "client": ("127.0.0.1", 50000),
            "server": ("127.0.0.1", 8000),
            "state": {},
        }
        sent = False
        status = 0
        chunks: list[bytes] = []

        async def receive() -> dict[str, Any]:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            await self._never.wait()
            return {"type": "http.disconnect"}

        async def send(message: dict[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        await self._app(scope, receive, send)
        return status, b"".join(chunks)


async def _lifespan(app: Any) -> tuple[asyncio.Queue[dict[str, Any]], asyncio.Task[None]]:
    inbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
    started = asyncio.Event()

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "lifespan.startup.complete":
            started.set()

    task = asyncio.create_task(app({"type": "lifespan", "asgi": {"version": "3.0"}}, inbox.get, send))
    await inbox.put({"type": "lifespan.startup"})
    await started.wait()
    return inbox, task


def _marker(url: str) -> dict[str, Any]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return dict(json.loads(connection.scalar(text("SELECT payload FROM bench_seeded")) or "{}"))
    finally:
        engine.dispose()


_profiles: list[cProfile.Profile] = []


def _profile_every_thread() -> None:
    """cProfile sees one thread; the dashboards run on several: one profile per thread, merged."""

    def start(*_: object) -> None:
        profile = cProfile.Profile(time.thread_time)  # CPU, not time spent waiting
        _profiles.append(profile)
        profile.enable()

    threading.setprofile(start)
    start()


async def _round(client: _Client, query: str, path: str, token: str, requests: int, tasks: int) -> float:
    """CPU ms per request of `requests` requests made by `tasks` tasks at once."""
    left = requests

    async def worker() -> None:
        nonlocal left
        while left > 0:
            left -= 1
            status, body = await client.request("GET", path, query, token)
            if status != 200 or b'"unavailable":[]' not in body:
                raise RuntimeError(f"{path}: {status} {body[:300]!r}")

    start = time.process_time()
    await asyncio.gather(*(worker() for _ in range(tasks)))
    return (time.process_time() - start) * 1000 / requests


async def _measure(arguments: argparse.Namespace) -> dict[str, float]:
    os.environ |= {
        "TESSERA_DATABASE__URL": arguments.database_url,
        "TESSERA_AUTH__JWT_SECRET": "in-process-benchmark-secret-0123456789",
        "TESSERA_METRICS__PROVIDER_TIMEOUT_MS": "60000",
        "TESSERA_LOGGING__LEVEL": "WARNING",
    }
    if arguments.profile:
        _profile_every_thread()

    marker = _marker(arguments.database_url)
    app = app_from_environment()
    inbox, lifespan = await _lifespan(app)
    client = _Client(app)
    queries = {"vendor": "period=30d&include_trends=true"}
    queries["admin"] = queries["vendor"] + f"&platform_id={marker['platform']['id']}"
    tokens = {}
    for dashboard, login in (("vendor", "owner"), ("admin", "admin")):
        credentials = {"email": marker["logins"][login], "password": marker["password"]}
        status, body = await client.request(
            "POST", "/api/v1/auth/token", body=json.dumps(credentials).encode()
        )
        if status != 200:
            raise RuntimeError(f"sign-in as {credentials['email']}: {status} {body[:300]!r}")
        tokens[dashboard] = json.loads(body)["access_token"]
    result: dict[str, float] = {}
    for dashboard, path in DASHBOARDS.items():
        if arguments.profile and dashboard != arguments.profile_dashboard:
            continue
        await _round(client, queries[dashboard], path, tokens[dashboard], 200, arguments.concurrency)
        for profile in _profiles:
            profile.clear()
        result[dashboard] = await _round(
            client, queries[dashboard], path, tokens[dashboard], arguments.requests, arguments.concurrency
        )
    if arguments.profile:
        threading.setprofile(None)
        merged = None
        for profile in _profiles:
            profile.create_stats()
            if profile.stats:  # a thread that ran nothing since the warm-up
                merged = pstats.Stats(profile) if merged is None else merged.add(profile)
        if merged is not None:
            merged.dump_stats(arguments.profile)
    await inbox.put({"type": "lifespan.shutdown"})
    await lifespan
    return result


def _alternate(arguments: argparse.Namespace) -> None:
    """Each tree's child run in turn, `--runs` times; the medians per tree and dashboard."""
    trees = {"current": str(HERE.parent.parent), "baseline": arguments.baseline}
    found: dict[str, dict[str, list[float]]] = {name: {d: [] for d in DASHBOARDS} for name in trees}
    child = [sys.executable, str(HERE), "--database-url", arguments.database_url, "--child"]
    child += ["--requests", str(arguments.requests), "--concurrency", str(arguments.concurrency)]
    for run in range(arguments.runs):
        for name, tree in trees.items():
            environ = dict(os.environ) | {"PYTHONPATH": tree}
            done = subprocess.run(child, env=environ, cwd=tree, capture_output=True, text=True, check=True)  # noqa: S603
            figures = json.loads(done.stdout.strip().splitlines()[-1])
            for dashboard, ms in figures.items():
                found[name][dashboard].append(ms)
            print(f"run {run + 1} {name}: " + ", ".join(f"{d} {ms:.3f} ms" for d, ms in figures.items()))
    for name, dashboards in found.items():
        medians = ", ".join(f"{d} {statistics.median(v):.3f} ms" for d, v in dashboards.items())
        print(f"median {name}: {medians}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline", help="another tree (a git worktree) to measure alternately")
    parser.add_argument("--profile", help="write a cProfile of the measured requests to this file")
    parser.add_argument("--profile-dashboard", choices=DASHBOARDS, default="vendor")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.baseline:
        _alternate(arguments)
        return
    runs = 1 if arguments.child or arguments.profile else arguments.runs
    for _ in range(runs):
        print(json.dumps(asyncio.run(_measure(arguments))), flush=True)


if __name__ == "__main__":
    main()
