"""CPU per order with no HTTP in the loop: `POST /api/v1/vendor/orders` on the ASGI app, in process.

    python -m bench.in_process_writes --database sqlite
    python -m bench.in_process_writes --database postgresql --baseline /tmp/base   # A/B, alternating
    python -m bench.in_process_writes --database sqlite --profile /tmp/orders.prof

Each run makes a fresh database (a SQLite file, or a database on the PostgreSQL server at
`--server-url`), migrates it and makes a super admin with the tree's own CLI, then through the
admin API one platform and `--vendors` vendors on it with an owner each (the `shared` layout of
`python -m bench.writes`), and signs them in. `--concurrency` tasks on one event loop then post
orders, each as its own vendor's owner, with the bodies bench/writes/load.js sends. CPU is the
process's own (every thread, the background folder too); on PostgreSQL `server_cpu_ms` is its
backends' on this database (from /proc: the server must run on this machine), which shares the
cores with the app under load. `wall p50` is each order's time from request to answer.

With `--baseline TREE` each run is a child process that puts one tree or the other first on
`sys.path`, alternately, so two commits are compared in one sitting on a machine whose load
drifts. Nothing of Tessera is imported before that (bench/asgi_client.py imports none of it).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.asgi_client import AsgiClient, ThreadProfiles, start_lifespan

__all__ = ("main",)

HERE = Path(__file__).resolve()
ORDERS = "/api/v1/vendor/orders"
_PASSWORD = "in-process-writes-password-0123"  # noqa: S105 - a throwaway database's
_ADMIN = "inproc-admin@bench.example.com"


def _tessera(tree: str, environ: dict[str, str], *arguments: str) -> None:
    """The tree's own CLI (its migrations, its user command), run as `tessera` would run it."""
    code = f"import sys; sys.path.insert(0, {tree!r}); from adapters.cli.main import cli; cli()"
    done = subprocess.run(  # noqa: S603 - this interpreter, arguments from this script
        [sys.executable, "-c", code, *arguments],
        env=environ,
        cwd=tree,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"tessera {' '.join(arguments[:2])}: {done.stdout}{done.stderr}")


def _checked(answer: tuple[int, bytes], what: str) -> dict[str, Any]:
    status, body = answer
    if status not in (200, 201):
        raise RuntimeError(f"{what}: {status} {body[:300]!r}")
    return dict(json.loads(body))


async def _sign_in(client: AsgiClient, email: str) -> str:
    body = json.dumps({"email": email, "password": _PASSWORD}).encode()
    return str(_checked(await client.request("POST", "/api/v1/auth/token", body=body), email)["access_token"])


async def _owners(client: AsgiClient, vendors: int) -> list[str]:
    """One platform, `vendors` vendors on it, an owner each: the owners' tokens."""
    admin = await _sign_in(client, _ADMIN)

    async def post(path: str, payload: dict[str, Any]) -> dict[str, Any]:
        answer = await client.request("POST", path, token=admin, body=json.dumps(payload).encode())
        return _checked(answer, f"{path} {payload}")

    platform = (await post("/api/v1/admin/platforms", {"slug": "inproc", "name": "In process"}))["id"]
    tokens = []
    for n in range(vendors):
        vendor = await post(
            "/api/v1/admin/vendors", {"slug": f"v{n}", "name": f"V{n}", "platform_ids": [platform]}
        )
        email = f"owner-{n}@bench.example.com"
        user = {"email": email, "password": _PASSWORD, "role": "vendor_owner", "vendor_id": vendor["id"]}
        await post("/api/v1/admin/users", user)
        tokens.append(await _sign_in(client, email))
    return tokens


async def _orders(client: AsgiClient, tokens: list[str], count: int, tasks: int) -> dict[str, float]:
    """`count` orders posted by `tasks` tasks at once: CPU ms per order (503s, posted again, count
    in the CPU but not as orders), the p50 of their wall ms, and how many 503s."""
    left, refused = count, 0
    walls: list[float] = []

    async def writer(task: int) -> None:
        nonlocal left, refused
        token, made = tokens[task % len(tokens)], 0
        while left > 0:
            left -= 1
            body = {
                "customer_email": f"c{task}-{made % 50}@writes.example.com",
                "total_cents": 100 + (made % 50) * 37,
                "status": "pending" if made % 3 == 0 else "paid",
            }
            started = time.perf_counter()
            status, answer = await client.request("POST", ORDERS, token=token, body=json.dumps(body).encode())
            if status == 503:  # SQLite busy past the app's budget: posted again, as a client would
                refused += 1
                left += 1
                continue
            walls.append((time.perf_counter() - started) * 1000)
            if status != 201:
                raise RuntimeError(f"order: {status} {answer[:300]!r}")
            made += 1

    start = time.process_time()
    await asyncio.gather(*(writer(task) for task in range(tasks)))
    cpu = (time.process_time() - start) * 1000 / count
    return {"cpu_ms": cpu, "wall_p50_ms": statistics.median(walls), "refused": refused}


async def _measure(arguments: argparse.Namespace, url: str) -> dict[str, float]:
    profiles = ThreadProfiles()
    if arguments.profile:
        profiles.start()
    entry = importlib.import_module("adapters.http.asgi")
    if not str(entry.__file__).startswith(arguments.tree or str(HERE.parent.parent)):
        raise RuntimeError(f"measuring {entry.__file__}, not the tree asked for")
    app = entry.app_from_environment()
    inbox, lifespan = await start_lifespan(app)
    client = AsgiClient(app)
    tokens = await _owners(client, arguments.vendors)
    await _orders(client, tokens, arguments.warmup, arguments.concurrency)
    profiles.clear()
    server = _server_cpu_ms(url) if arguments.database == "postgresql" else None
    figures = await _orders(client, tokens, arguments.orders, arguments.concurrency)
    if server is not None:
        figures["server_cpu_ms"] = (_server_cpu_ms(url) - server) / arguments.orders
    if arguments.profile:
        profiles.dump(arguments.profile)
    await inbox.put({"type": "lifespan.shutdown"})
    await lifespan
    return figures


def _server_cpu_ms(url: str) -> float:
    """CPU so far of the PostgreSQL backends on this database (it runs on this machine): what
    shares the cores with the app under load. The app's pooled connections live through a run."""
    import psycopg  # noqa: PLC0415 - only PostgreSQL runs need it

    tick = os.sysconf("SC_CLK_TCK")
    query = "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
    with psycopg.connect(url.replace("+psycopg", ""), autocommit=True) as connection:
        pids = [row[0] for row in connection.execute(query)]
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total * 1000 / tick


def _run(arguments: argparse.Namespace) -> dict[str, float]:
    """One measurement of `--tree` on a database of its own, dropped afterwards."""
    tree = arguments.tree or str(HERE.parent.parent)
    sys.path.insert(0, tree)
    folder = tempfile.mkdtemp(prefix="inproc-writes-")
    name = f"inproc_writes_{os.getpid()}"
    if arguments.database == "sqlite":
        url = f"sqlite:///{folder}/orders.db"
    else:
        url = arguments.server_url.rsplit("/", 1)[0] + f"/{name}"
        _server(arguments.server_url, f"CREATE DATABASE {name}")
    environ = dict(os.environ) | {
        "PYTHONPATH": tree,
        "TESSERA_SETTINGS": str(Path(tree) / "settings.yaml"),
        "TESSERA_DATABASE__URL": url,
        "TESSERA_AUTH__JWT_SECRET": "in-process-benchmark-secret-0123456789",
        "TESSERA_LOGGING__LEVEL": "WARNING",
    }
    try:
        _tessera(tree, environ, "db", "upgrade")
        _tessera(
            tree,
            environ,
            "users",
            "create",
            "--email",
            _ADMIN,
            "--password",
            _PASSWORD,
            "--role",
            "super_admin",
        )
        os.environ |= environ
        return asyncio.run(_measure(arguments, url))
    finally:
        if arguments.database == "postgresql":
            _server(arguments.server_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _server(server_url: str, statement: str) -> None:
    import psycopg  # noqa: PLC0415 - only PostgreSQL runs need it

    with psycopg.connect(server_url.replace("+psycopg", ""), autocommit=True) as connection:
        connection.execute(statement)


def _alternate(arguments: argparse.Namespace) -> None:
    """Each tree's child run in turn, `--runs` times; the medians per tree."""
    trees = {"current": str(HERE.parent.parent), "baseline": arguments.baseline}
    found: dict[str, dict[str, list[float]]] = {name: {} for name in trees}
    passed = ["--database", arguments.database, "--server-url", arguments.server_url, "--vendors"]
    passed += [str(arguments.vendors), "--orders", str(arguments.orders), "--warmup", str(arguments.warmup)]
    passed += ["--concurrency", str(arguments.concurrency)]
    for run in range(arguments.runs):
        for name, tree in trees.items():
            child = [sys.executable, "-m", "bench.in_process_writes", *passed, "--tree", tree]
            done = subprocess.run(child, cwd=HERE.parent.parent, capture_output=True, text=True, check=False)  # noqa: S603
            if done.returncode != 0:
                raise RuntimeError(f"{name} run {run + 1} failed:\n{done.stderr[-3000:]}")
            figures = json.loads(done.stdout.strip().splitlines()[-1])
            for figure, value in figures.items():
                found[name].setdefault(figure, []).append(value)
            print(
                f"run {run + 1} {name}: " + ", ".join(f"{f} {v:.3f}" for f, v in figures.items()), flush=True
            )
    for name, figures in found.items():
        print(f"median {name}: " + ", ".join(f"{f} {statistics.median(v):.3f}" for f, v in figures.items()))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    add = parser.add_argument
    add("--database", choices=("sqlite", "postgresql"), default="sqlite")
    add("--server-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    add("--vendors", type=int, default=16, help="vendors on the one platform, an owner each")
    add("--orders", type=int, default=2000, help="orders measured")
    add("--warmup", type=int, default=300, help="orders posted first, not measured")
    add("--concurrency", type=int, default=8, help="tasks posting at once (1: one writer)")
    add("--runs", type=int, default=3)
    add("--baseline", help="another tree (a git worktree) to measure alternately")
    add("--tree", help=argparse.SUPPRESS)
    add("--profile", help="write a cProfile (CPU time, every thread) of the measured orders to this file")
    arguments = parser.parse_args()
    if arguments.baseline:
        _alternate(arguments)
        return
    runs = 1 if arguments.tree or arguments.profile else arguments.runs
    for _ in range(runs):
        print(json.dumps(_run(arguments)), flush=True)


if __name__ == "__main__":
    main()
