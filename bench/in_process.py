"""CPU per dashboard request with no HTTP in the loop: the ASGI app called directly, in process.

    python -m bench.in_process --database-url postgresql+psycopg://…/tessera_bench_large
    python -m bench.in_process … --baseline /path/to/other/tree   # A/B, alternating

The app is built as `tessera serve` builds it (settings.yaml, its lifespan run) and called by
`--concurrency` tasks on one event loop, `--requests` requests per dashboard; CPU is the process's
own (every thread), so PostgreSQL's share is not in it. The logins and the platform come from the
harness's marker in the database (`bench/databases.py`: the database must have been prepared by
`python -m bench` or `bench.databases.prepare`).

With `--baseline` each run is a child process that puts one tree or the other first on `sys.path`
before it imports the app, alternately, so two commits are compared in one sitting on a machine
whose load drifts; the ASGI client comes from this tree (bench/asgi_client.py imports nothing of
Tessera). `--profile FILE` writes a cProfile of one run instead.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

from bench.asgi_client import AsgiClient, ThreadProfiles, start_lifespan

__all__ = ("main", "seeded_marker")

DASHBOARDS = {"vendor": "/api/v1/vendor/dashboard/stats", "admin": "/api/v1/admin/dashboard/stats"}
HERE = Path(__file__).resolve()


def seeded_marker(url: str) -> dict[str, Any]:
    """The harness's `bench_seeded` marker: the logins, their password and the platform."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return dict(json.loads(connection.scalar(text("SELECT payload FROM bench_seeded")) or "{}"))
    finally:
        engine.dispose()


async def _round(client: AsgiClient, query: str, path: str, token: str, requests: int, tasks: int) -> float:
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
    profiles = ThreadProfiles()
    if arguments.profile:
        profiles.start()

    marker = seeded_marker(arguments.database_url)
    tree = arguments.tree or str(HERE.parent.parent)
    sys.path.insert(0, tree)  # the tree measured, before the app is imported
    entry = importlib.import_module("adapters.http.asgi")
    if not str(entry.__file__).startswith(tree):
        raise RuntimeError(f"measuring {entry.__file__}, not the tree asked for")
    app = entry.app_from_environment()
    inbox, lifespan = await start_lifespan(app)
    client = AsgiClient(app)
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
        profiles.clear()
        result[dashboard] = await _round(
            client, queries[dashboard], path, tokens[dashboard], arguments.requests, arguments.concurrency
        )
    if arguments.profile:
        profiles.dump(arguments.profile)
    await inbox.put({"type": "lifespan.shutdown"})
    await lifespan
    return result


def _alternate(arguments: argparse.Namespace) -> None:
    """Each tree's child run in turn, `--runs` times; the medians per tree and dashboard."""
    trees = {"current": str(HERE.parent.parent), "baseline": arguments.baseline}
    found: dict[str, dict[str, list[float]]] = {name: {d: [] for d in DASHBOARDS} for name in trees}
    child = [sys.executable, "-m", "bench.in_process", "--database-url", arguments.database_url]
    child += ["--requests", str(arguments.requests), "--concurrency", str(arguments.concurrency)]
    for run in range(arguments.runs):
        for name, tree in trees.items():
            done = subprocess.run(  # noqa: S603 - this interpreter and script
                [*child, "--tree", tree], cwd=HERE.parent.parent, capture_output=True, text=True, check=True
            )
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
    parser.add_argument("--tree", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.baseline:
        _alternate(arguments)
        return
    runs = 1 if arguments.tree or arguments.profile else arguments.runs
    for _ in range(runs):
        print(json.dumps(asyncio.run(_measure(arguments))), flush=True)


if __name__ == "__main__":
    main()
