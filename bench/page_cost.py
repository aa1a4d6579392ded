"""What a dashboard page costs the server next to the dashboard API call it is built from.

    python -m bench.page_cost --database-url postgresql+psycopg://…/tessera_bench_xlarge
    python -m bench.page_cost … --cache-ttl-s 60          # with the dashboard cache on
    python -m bench.page_cost … --profile page.prof --profile-of page --profile-dashboard admin

Issue 15 caps the page at 1.5 times the API call's server time. The app is built as `tessera serve`
builds it (settings.yaml, its lifespan run) and called directly, in process, as bench/in_process.py
does, so the CPU counted is the app's own (every thread of this process) and no HTTP server's. For
each dashboard the API call (`period=30d&include_trends=true`) and the page (`period=30d`, signed in
by the session cookie) are measured in interleaved rounds, API then page, at the same concurrency:
the machine's drift falls on both alike. Each answer is checked (the API's complete, the page
showing the dashboard's tiles), or the comparison would be void.

The dashboard cache (`metrics.cache_ttl_s`) would serve repeated dashboards to both: without
`--cache-ttl-s` the settings file decides, as for `tessera serve`; the statements counted per request
show whether the cache answered. The page's chart memo (adapters/web/chart.py) is always on: it is
part of the page's design. On PostgreSQL the server's CPU per request is reported too (every
postgres process on the machine, so measure on a quiet one).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import re
import statistics
import time
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine

from adapters.http.asgi import app_from_environment
from adapters.settings_file import load_settings
from bench.asgi_client import AsgiClient, ThreadProfiles, start_lifespan
from bench.cpu import PostgresCpu
from bench.in_process import DASHBOARDS, seeded_marker

__all__ = ("TABLE_HEADER", "main", "measure", "table")

PAGES = {"vendor": "/dashboard", "admin": "/admin"}
PAGE_MARK = b'data-key="orders.period_orders"'
"""A tile of the charted figures: a page without it did not show the dashboard."""
_ASSETS = re.compile(rb'(?:href|src)="(/static/[^"?]+)')


@dataclass(frozen=True)
class Target:
    """One thing measured: the API call or the page of one dashboard."""

    name: str
    path: str
    query: str
    token: str = ""
    cookies: dict[str, str] = field(default_factory=dict)

    def headers(self) -> list[tuple[bytes, bytes]]:
        jar = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        return [(b"cookie", jar.encode())] if jar else []

    def check(self, status: int, body: bytes) -> None:
        good = b'"unavailable":[]' in body if self.name == "api" else PAGE_MARK in body
        if status != 200 or not good:
            raise RuntimeError(f"{self.path}?{self.query}: {status} {body[:300]!r}")


@dataclass
class Batch:
    cpu_ms: float
    postgres_cpu_ms: float
    latencies_ms: list[float]
    statements: float
    size: int


class Statements:
    """SQL statements sent by every engine of this process (0 per request: the cache answered)."""

    def __init__(self) -> None:
        self._count = itertools.count()
        event.listen(Engine, "before_cursor_execute", lambda *_: next(self._count))

    def now(self) -> int:
        return next(self._count)  # one more each time asked: subtracted by `batch`


async def _batch(
    client: AsgiClient, target: Target, requests: int, tasks: int, statements: Statements, on_pg: bool
) -> Batch:
    left, latencies, size = requests, [], 0
    extra = target.headers()

    async def worker() -> None:
        nonlocal left, size
        while left > 0:
            left -= 1
            start = time.perf_counter()
            status, _, body = await client.exchange(
                "GET", target.path, target.query, target.token, extra=extra
            )
            latencies.append((time.perf_counter() - start) * 1000)
            target.check(status, body)
            size = len(body)

    with PostgresCpu() as postgres:
        counted, cpu = statements.now(), time.process_time()
        await asyncio.gather(*(worker() for _ in range(tasks)))
        cpu, counted = time.process_time() - cpu, statements.now() - counted - 1
    pg_ms = postgres.seconds * 1000 / requests if on_pg else 0.0
    return Batch(cpu * 1000 / requests, pg_ms, latencies, counted / requests, size)


async def _sign_in(client: AsgiClient, marker: dict[str, Any]) -> dict[str, str]:
    tokens = {}
    for dashboard, login in (("vendor", "owner"), ("admin", "admin")):
        credentials = json.dumps({"email": marker["logins"][login], "password": marker["password"]})
        status, body = await client.request("POST", "/api/v1/auth/token", body=credentials.encode())
        if status != 200:
            raise RuntimeError(f"sign-in as {marker['logins'][login]}: {status} {body[:300]!r}")
        tokens[dashboard] = json.loads(body)["access_token"]
    return tokens


async def _targets(
    client: AsgiClient, marker: dict[str, Any]
) -> tuple[dict[str, dict[str, Target]], dict[str, int]]:
    """Each dashboard's API call and page, the page with the cookies a browser sends back after its
    first visit (the session's and the CSRF one the page sets); and the bytes of the static files
    each page links to (which that first visit fetched)."""
    tokens = await _sign_in(client, marker)
    platform = f"&platform_id={marker['platform']['id']}"
    targets: dict[str, dict[str, Target]] = {}
    assets: dict[str, int] = {}
    for dashboard, path in DASHBOARDS.items():
        query = "period=30d" + (platform if dashboard == "admin" else "")
        api = Target("api", path, query.replace("30d", "30d&include_trends=true"), tokens[dashboard])
        page = Target("page", PAGES[dashboard], query, cookies={"tessera_session": tokens[dashboard]})
        status, headers, body = await client.exchange("GET", page.path, page.query, extra=page.headers())
        page.check(status, body)
        for name, value in headers:
            if name == b"set-cookie" and value.startswith(b"tessera_csrf="):
                page.cookies["tessera_csrf"] = value.split(b";", 1)[0].split(b"=", 1)[1].decode()
        targets[dashboard] = {"api": api, "page": page}
        assets[dashboard] = 0
        for linked in sorted(set(_ASSETS.findall(body))):
            status, file = await client.request("GET", linked.decode())
            assets[dashboard] += len(file) if status == 200 else 0
    return targets, assets


def _summary(batches: list[Batch], api: list[Batch], assets: int = 0) -> dict[str, Any]:
    """Medians over the rounds, and each round's CPU against the API call's in the same round."""
    return {
        "cpu_ms": round(statistics.median(b.cpu_ms for b in batches), 3),
        "postgres_cpu_ms": round(statistics.median(b.postgres_cpu_ms for b in batches), 3),
        "p50_ms": round(statistics.median(ms for b in batches for ms in b.latencies_ms), 3),
        "statements": round(statistics.median(b.statements for b in batches), 3),
        "bytes": batches[-1].size,
        "bytes_with_assets": batches[-1].size + assets,
        "cpu_ratio_per_round": [round(b.cpu_ms / a.cpu_ms, 3) for a, b in zip(api, batches, strict=True)],
    }


def _environ(arguments: argparse.Namespace) -> None:
    os.environ |= {
        "TESSERA_DATABASE__URL": arguments.database_url,
        "TESSERA_AUTH__JWT_SECRET": "in-process-benchmark-secret-0123456789",
        "TESSERA_METRICS__PROVIDER_TIMEOUT_MS": "60000",
        "TESSERA_LOGGING__LEVEL": "WARNING",
    }
    if arguments.cache_ttl_s is not None:
        os.environ["TESSERA_METRICS__CACHE_TTL_S"] = str(arguments.cache_ttl_s)


async def measure(arguments: argparse.Namespace) -> dict[str, Any]:
    """Every dashboard's API call and page, `rounds` times in turn: their medians and the ratio."""
    _environ(arguments)
    profiles = ThreadProfiles()
    if arguments.profile:
        profiles.start()
    marker, statements = seeded_marker(arguments.database_url), Statements()
    app = app_from_environment()
    inbox, lifespan = await start_lifespan(app)
    client = AsgiClient(app)
    targets, assets = await _targets(client, marker)
    on_pg = arguments.database_url.startswith("postgresql")

    async def run(target: Target, requests: int = arguments.requests) -> Batch:
        return await _batch(client, target, requests, arguments.concurrency, statements, on_pg)

    for pair in targets.values():  # warm-up: the pools, the templates, the chart memo
        for target in pair.values():
            await run(target, min(arguments.requests, 50))
    measured: dict[str, dict[str, list[Batch]]] = {d: {"api": [], "page": []} for d in targets}
    if arguments.profile:
        profiles.clear()
        await run(targets[arguments.profile_dashboard][arguments.profile_of])
        profiles.dump(arguments.profile)
    else:
        for _ in range(arguments.rounds):
            for dashboard, pair in targets.items():
                for name, target in pair.items():
                    measured[dashboard][name].append(await run(target))
    await inbox.put({"type": "lifespan.shutdown"})
    await lifespan
    result: dict[str, Any] = {
        "cache_ttl_s": load_settings(require_secret=False).settings.metrics.cache_ttl_s,
        **{key: getattr(arguments, key) for key in ("requests", "concurrency", "rounds")},
    }
    for dashboard, kinds in measured.items():
        if kinds["api"]:
            api = _summary(kinds["api"], kinds["api"])
            page = _summary(kinds["page"], kinds["api"], assets[dashboard])
            result[dashboard] = {
                "api": api,
                "page": page,
                "cpu_ratio": round(page["cpu_ms"] / api["cpu_ms"], 3),
            }
    return result


TABLE_HEADER = (
    "| database | scale | dashboard | dashboard cache | API CPU ms | page CPU ms | page/API "
    "| API p50 ms | page p50 ms | page KB | PostgreSQL CPU ms, API / page | statements, API / page |",
    "|---|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|",
)


def table(result: dict[str, Any], database: str, scale: str) -> list[str]:
    """Rows of docs/benchmarks.md's table "Dashboard pages against the API call" (`TABLE_HEADER`)."""
    ttl = result["cache_ttl_s"]
    cache = f"on ({ttl:g} s)" if ttl else "off (0 s, the default)"
    rows = []
    for dashboard in DASHBOARDS:
        if dashboard not in result:
            continue
        api, page = result[dashboard]["api"], result[dashboard]["page"]
        postgres = f"{api['postgres_cpu_ms']:.2f} / {page['postgres_cpu_ms']:.2f}"
        cells = [
            database, scale, dashboard, cache,
            f"{api['cpu_ms']:.2f}", f"{page['cpu_ms']:.2f}", f"**{result[dashboard]['cpu_ratio']:.2f}**",
            f"{api['p50_ms']:.1f}", f"{page['p50_ms']:.1f}", f"{page['bytes'] / 1000:.1f}",
            postgres if database == "postgresql" else "—",
            f"{api['statements']:.2f} / {page['statements']:.2f}",
        ]  # fmt: skip
        rows.append("| " + " | ".join(cells) + " |")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    add = parser.add_argument
    add("--database-url", required=True, help="a database prepared by the harness (bench/databases.py)")
    add("--requests", type=int, default=200, help="requests per batch (default: 200)")
    add("--concurrency", type=int, default=8, help="tasks sending them at once (default: 8)")
    add("--rounds", type=int, default=5, help="rounds of API call then page, per dashboard (default: 5)")
    add("--cache-ttl-s", type=float, help="metrics.cache_ttl_s (default: the settings file's)")
    add("--label", default="", help="`database,scale` for the table row (default: from the URL)")
    add("--profile", help="write a cProfile of one batch (after the warm-up) to this file instead")
    add("--profile-of", choices=("api", "page"), default="page")
    add("--profile-dashboard", choices=tuple(DASHBOARDS), default="admin")
    arguments = parser.parse_args()
    result = asyncio.run(measure(arguments))
    print(json.dumps(result), flush=True)
    if not arguments.profile:
        kind = arguments.database_url.split(":", 1)[0].split("+", 1)[0]
        database, scale = (arguments.label or f"{kind},{arguments.database_url.rsplit('_', 1)[-1]}").split(
            ","
        )
        print("\n".join(table(result, database, scale.removesuffix(".db"))))


if __name__ == "__main__":
    main()
