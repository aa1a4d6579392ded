"""The command line of `python -m bench.slow_clients`: options in, a Markdown table and a JSON file out."""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import cast

from bench.cli import DATABASES
from bench.databases import Kind
from bench.load import Load
from bench.processes import REPOSITORY, BenchError
from bench.run import console
from bench.scales import PUBLIC_SCALES, SCALES
from bench.slow_clients.run import Crowd, SlowClientsOptions, run

__all__ = ("options_from", "run_from_command_line")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench.slow_clients",
        description="The vendor dashboard's latency alone, then while slow and huge clients hold "
        "connections to the same `tessera serve`, and what the server did with each of those.",
    )
    add = parser.add_argument
    add("--database", choices=DATABASES, default="sqlite", help="default: sqlite")
    add("--scale", choices=tuple(SCALES), default="small", metavar="SCALE",
        help=f"seeded data, one of {', '.join(PUBLIC_SCALES)} (default: small)")  # fmt: skip
    add("--seed", type=int, default=1, help="seed of the data, as `python -m bench` (default: 1)")
    add("--workers", type=int, default=2, help="worker processes of `tessera serve` (default: 2)")
    add("--concurrency", type=int, default=8, help="k6 virtual users on the dashboard (default: 8)")
    add("--duration", default="20s", help="measured time, each of the two runs (default: 20s)")
    add("--warmup", default="5s", help="warm-up before each, not measured (default: 5s)")
    add("--slow-headers", type=int, default=1000, help="clients sending a header line a second (1000)")
    add("--idle", type=int, default=500, help="clients that connect and send nothing (500)")
    add("--slow-bodies", type=int, default=300, help="clients sending a body a byte a second (300)")
    add("--huge", type=int, default=2, help="clients sending one huge head each (2)")
    add("--huge-mb", type=int, default=100, help="size of each huge head in MB (100)")
    add("--postgres-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres",
        help="a database on the PostgreSQL server, to create the benchmark database from")  # fmt: skip
    add("--data-dir", type=Path, default=REPOSITORY / "bench" / ".data", help="where SQLite files live")
    add("--results-dir", type=Path, default=REPOSITORY / "bench" / "results", help="where the JSON goes")
    return parser


def options_from(argv: Sequence[str] | None = None) -> SlowClientsOptions:
    arguments = _parser().parse_args(argv)
    crowd = Crowd(
        arguments.slow_headers, arguments.idle, arguments.slow_bodies, arguments.huge, arguments.huge_mb
    )
    return SlowClientsOptions(
        database=cast("Kind", arguments.database),
        scale=arguments.scale,
        seed=arguments.seed,
        workers=arguments.workers,
        load=Load(arguments.concurrency, arguments.duration, arguments.warmup),
        crowd=crowd,
        postgres_url=arguments.postgres_url,
        data_dir=arguments.data_dir,
        results_dir=arguments.results_dir,
    )


def _stop_on_sigterm(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def run_from_command_line() -> None:
    """Exit 1 with the reason on a failed step, 130 on Ctrl-C; the server is stopped either way."""
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    try:
        table, path = run(options_from())
    except BenchError as error:
        console.print(f"[red]slow-clients run failed:[/red] {error}")
        sys.exit(1)
    except KeyboardInterrupt:
        console.print("[yellow]interrupted: server stopped[/yellow]")
        sys.exit(130)
    print(table)
    console.print(f"wrote {path}")
