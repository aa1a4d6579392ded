"""The command line of `python -m bench.writes`: targets, databases and scenarios in; the tables
printed, the results in bench/results/writes/writes.json and the Writes section of
docs/benchmarks.md out.

The results live in a folder of their own: `python -m bench.tables` reads every JSON file of
bench/results as a dashboard run.
"""

from __future__ import annotations

import argparse
import json
import shlex
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from types import FrameType
from typing import Any, cast

from bench.processes import REPOSITORY, BenchError
from bench.writes.options import WriteOptions
from bench.writes.report import markdown, write_section
from bench.writes.run import run_writes
from bench.writes.scenarios import scenarios
from bench.writes.world import DatabaseKind

__all__ = ("main", "parse_options", "run_from_command_line")

DATABASES = ("postgresql", "sqlite")


def _databases(value: str) -> list[str]:
    names = [name.strip() for name in value.split(",") if name.strip()]
    if not names or any(name not in DATABASES for name in names):
        raise argparse.ArgumentTypeError(f"{value!r}: use one or both of {', '.join(DATABASES)}")
    return names


def _seconds(value: str) -> float:
    number = float(value.removesuffix("s"))
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value}: 1 s at least (k6 runs a scenario for 1 s at least)")
    return number


def _count(value: str) -> int:
    number = int(value)
    if number < 2:
        raise argparse.ArgumentTypeError(f"{value}: 2 at least (one writer is the writer-1 scenario)")
    return number


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench.writes",
        description="Orders per second, latency and lock waits, beside a baseline commit.",
    )
    add = parser.add_argument
    add("--baseline", default=None, metavar="GIT-REF",
        help="also measure this commit, from a temporary worktree (default: none)")  # fmt: skip
    add(
        "--databases",
        type=_databases,
        default=list(DATABASES),
        help="postgresql, sqlite or both (default: both)",
    )
    add("--scenarios", default=None,
        help="comma-separated scenario names, as `--many` and `--few` make them (default: all)")  # fmt: skip
    add(
        "--many", type=_count, default=64, help="writers of the big scenarios and the mixed one (default: 64)"
    )
    add("--few", type=_count, default=16, help="writers of one vendor versus as many vendors (default: 16)")
    add("--seconds", type=_seconds, default=20.0, help="measured window per scenario (default: 20)")
    add("--warmup-s", type=_seconds, default=5.0, help="load before each scenario, not measured (default: 5)")
    add("--workers", type=int, default=2, help="`tessera serve` workers (default: 2)")
    add("--results", type=Path, default=REPOSITORY / "bench" / "results" / "writes" / "writes.json",
        help="where the JSON goes")  # fmt: skip
    add("--docs", type=Path, default=REPOSITORY / "docs" / "benchmarks.md",
        help="the page whose Writes section is replaced")  # fmt: skip
    add("--no-docs", dest="docs", action="store_const", const=None, help="leave the docs alone (a trial run)")
    return parser


def parse_options(argv: Sequence[str] | None) -> WriteOptions:
    parser = _parser()
    arguments = parser.parse_args(argv)
    known = scenarios(arguments.many, arguments.few)
    names = (
        list(known) if arguments.scenarios is None else [n.strip() for n in arguments.scenarios.split(",")]
    )
    unknown = [name for name in names if name not in known]
    if unknown or not names:
        parser.error(f"--scenarios {arguments.scenarios!r}: use one or more of {', '.join(known)}")
    return WriteOptions(
        databases=cast("list[DatabaseKind]", arguments.databases),
        scenarios=names,
        baseline=arguments.baseline,
        many=arguments.many,
        few=arguments.few,
        seconds=arguments.seconds,
        warmup_s=arguments.warmup_s,
        workers=arguments.workers,
        results=arguments.results,
        docs=arguments.docs,
    )


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    """Run, write the JSON and the docs section as asked; the results."""
    options = parse_options(argv)
    given = sys.argv[1:] if argv is None else list(argv)
    command = shlex.join([".venv/bin/python", "-m", "bench.writes", *given])
    report = run_writes(options, command, progress=lambda line: print(line, file=sys.stderr))
    if options.results is not None:
        options.results.parent.mkdir(parents=True, exist_ok=True)
        options.results.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    if options.docs is not None:
        write_section(report, options.docs)
    return report


def _stop_on_sigterm(signum: int, frame: FrameType | None) -> None:
    """SIGTERM unwinds like Ctrl-C, so servers, clusters and the baseline worktree go on the way out."""
    raise KeyboardInterrupt


def run_from_command_line() -> None:
    """Exit 1 with the reason on a failed step, 130 on Ctrl-C; servers and clusters are stopped."""
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    try:
        print(markdown(main()))
    except BenchError as error:
        print(f"write benchmark failed: {error}", file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:
        print("interrupted: servers, clusters and the baseline worktree removed", file=sys.stderr)
        sys.exit(130)
