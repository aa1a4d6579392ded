"""The command line of `python -m bench`: options in, one results file per database and scale out."""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import FrameType
from typing import cast

from bench.databases import Kind
from bench.load import Load, seconds
from bench.options import TARGETS, Options
from bench.processes import REPOSITORY, BenchError
from bench.run import console, run
from bench.scales import PUBLIC_SCALES, SCALES

__all__ = ("main", "options_from", "run_from_command_line")

DATABASES = ("sqlite", "postgresql")


def _names(allowed: Sequence[str], shown: Sequence[str]) -> Callable[[str], list[str]]:
    """A comma-separated list of `allowed` names; `shown` are the ones the error offers."""

    def parse(value: str) -> list[str]:
        names = [name.strip() for name in value.split(",") if name.strip()]
        unknown = [name for name in names if name not in allowed]
        if unknown or not names:
            raise argparse.ArgumentTypeError(f"{value!r}: use one or more of {', '.join(shown)}")
        return names

    return parse


def _targets(value: str) -> tuple[str, ...]:
    """Tessera and the references wanted, in the order each round measures them."""
    names = _names(TARGETS, TARGETS)(value)
    if "tessera" not in names:
        raise argparse.ArgumentTypeError(
            f"{value!r}: tessera must be among them (floor, framework and naive are its references)"
        )
    return tuple(target for target in TARGETS if target in names)


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value}: at least 1")
    return number


def _duration(value: str) -> str:
    try:
        length = seconds(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    if length < 1:
        raise argparse.ArgumentTypeError(f"{value}: k6 runs a scenario for 1s at least")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Tessera's dashboards under load, next to the raw SQL floor and the naive ORM path.",
    )
    add = parser.add_argument
    add("--scales", type=_names(tuple(SCALES), PUBLIC_SCALES), default=["small"],
        help=f"comma-separated, of {', '.join(PUBLIC_SCALES)} (default: small)")  # fmt: skip
    add("--databases", type=_names(DATABASES, DATABASES), default=list(DATABASES),
        help="comma-separated, of sqlite, postgresql (default: both)")  # fmt: skip
    add("--targets", type=_targets, default=TARGETS,
        help="comma-separated, tessera and any of floor, framework, naive (default: all four; at xlarge "
        "the naive path outlasts the provider budget, so leave it out there)")  # fmt: skip
    add("--runs", type=_positive, default=1,
        help="rounds of every target, interleaved; the report shows their medians (default: 1)")  # fmt: skip
    add("--seed", type=int, default=1, help="seed of the data (default: 1)")
    add("--concurrency", type=_positive, default=8, help="k6 virtual users (default: 8)")
    add("--duration", type=_duration, default="20s", help="measured time per dashboard (default: 20s)")
    add("--warmup", type=_duration, default="5s", help="warm-up before it, not measured (default: 5s)")
    add("--workers", type=_positive, default=2, help="worker processes of every server (default: 2)")
    add("--postgres-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres",
        help="a database on the PostgreSQL server, to create the benchmark databases from")  # fmt: skip
    add("--reseed", action="store_true", help="drop and seed the databases even if already seeded")
    add("--results-dir", type=Path, default=REPOSITORY / "bench" / "results", help="where the JSON files go")
    add("--data-dir", type=Path, default=REPOSITORY / "bench" / ".data", help="where SQLite files live")
    add("--prefix", default="tessera_bench", help=argparse.SUPPRESS)  # database names: <prefix>_<scale>
    return parser


def _stop_on_sigterm(signum: int, frame: FrameType | None) -> None:
    """SIGTERM unwinds like Ctrl-C, so every server started is stopped on the way out."""
    raise KeyboardInterrupt


def options_from(argv: Sequence[str] | None = None) -> Options:
    """The run the command line asks for; argparse exits with the reason on a bad option."""
    arguments = _parser().parse_args(argv)
    return Options(
        scales=arguments.scales,
        databases=cast("list[Kind]", arguments.databases),
        seed=arguments.seed,
        load=Load(arguments.concurrency, arguments.duration, arguments.warmup),
        postgres_url=arguments.postgres_url,
        reseed=arguments.reseed,
        results_dir=arguments.results_dir,
        data_dir=arguments.data_dir,
        prefix=arguments.prefix,
        workers=arguments.workers,
        targets=arguments.targets,
        runs=arguments.runs,
    )


def main(argv: Sequence[str] | None = None) -> list[Path]:
    return run(options_from(argv))


def run_from_command_line() -> None:
    """Exit 1 with the reason on a failed step, 130 on Ctrl-C; servers are stopped either way."""
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    try:
        for path in main():
            console.print(f"wrote {path}")
    except BenchError as error:
        console.print(f"[red]benchmark failed:[/red] {error}")
        sys.exit(1)
    except KeyboardInterrupt:
        console.print("[yellow]interrupted: servers stopped[/yellow]")
        sys.exit(130)
