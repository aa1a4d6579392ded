"""The command line of `python -m bench.faults`: scenarios and durations in; the tables printed, the
results in bench/results/faults/faults.json and the Faults section of docs/benchmarks.md out.

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
from typing import Any

from bench.faults.options import FaultOptions
from bench.faults.report import markdown, write_section
from bench.faults.run import run_faults
from bench.faults.scenarios import SCENARIOS
from bench.faults.traffic import Load
from bench.processes import REPOSITORY, BenchError
from bench.scales import SCALES

__all__ = ("main", "run_from_command_line")


def _scenarios(value: str) -> list[str]:
    names = [name.strip() for name in value.split(",") if name.strip()]
    unknown = [name for name in names if name not in SCENARIOS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(f"{value!r}: use one or more of {', '.join(SCENARIOS)}")
    return names


def _seconds(value: str) -> float:
    number = float(value.removesuffix("s"))
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value}: 1 s at least (k6 runs a scenario for 1 s at least)")
    return number


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench.faults",
        description="Tessera under load while PostgreSQL fails, one fault at a time.",
    )
    add = parser.add_argument
    add("--scenarios", type=_scenarios, default=list(SCENARIOS),
        help=f"comma-separated, of {', '.join(SCENARIOS)} (default: all)")  # fmt: skip
    add("--scale", choices=tuple(SCALES), default="small", help="seeded data (default: small)")
    add("--readers", type=int, default=16, help="dashboard readers, k6 virtual users (default: 16)")
    add("--writers", type=int, default=16, help="order writers, k6 virtual users (default: 16)")
    add("--workers", type=int, default=2, help="`tessera serve` workers (default: 2)")
    add("--warmup-s", type=_seconds, default=5.0, help="load before each scenario, not measured (default: 5)")
    add("--before-s", type=_seconds, default=10.0, help="measured load before the fault (default: 10)")
    add("--after-s", type=_seconds, default=15.0, help="measured load after the fault (default: 15)")
    add("--outage-s", type=_seconds, default=40.0, help="PostgreSQL stopped this long (default: 40)")
    add("--stall-s", type=_seconds, default=20.0, help="figure_deltas locked this long (default: 20)")
    add("--pause-s", type=_seconds, default=20.0, help="the app's backends paused this long (default: 20)")
    add("--results", type=Path, default=REPOSITORY / "bench" / "results" / "faults" / "faults.json",
        help="where the JSON goes")  # fmt: skip
    add("--docs", type=Path, default=REPOSITORY / "docs" / "benchmarks.md",
        help="the page whose Faults section is replaced")  # fmt: skip
    add("--no-docs", dest="docs", action="store_const", const=None, help="leave the docs alone (a trial run)")
    return parser


def _options(argv: Sequence[str] | None) -> FaultOptions:
    arguments = _parser().parse_args(argv)
    return FaultOptions(
        scenarios=arguments.scenarios,
        load=Load(arguments.readers, arguments.writers),
        scale=arguments.scale,
        workers=arguments.workers,
        warmup_s=arguments.warmup_s,
        before_s=arguments.before_s,
        after_s=arguments.after_s,
        outage_s=arguments.outage_s,
        stall_s=arguments.stall_s,
        pause_s=arguments.pause_s,
        results=arguments.results,
        docs=arguments.docs,
    )


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    """Run, write the JSON and the docs section as asked; the results."""
    options = _options(argv)
    given = sys.argv[1:] if argv is None else list(argv)
    command = shlex.join([".venv/bin/python", "-m", "bench.faults", *given])
    report = run_faults(options, command, progress=lambda line: print(line, file=sys.stderr))
    if options.results is not None:
        options.results.parent.mkdir(parents=True, exist_ok=True)
        options.results.write_text(json.dumps(report, indent=2) + "\n")
    if options.docs is not None:
        write_section(report, options.docs)
    return report


def _stop_on_sigterm(signum: int, frame: FrameType | None) -> None:
    """SIGTERM unwinds like Ctrl-C, so the server, k6 and the cluster are stopped on the way out."""
    raise KeyboardInterrupt


def run_from_command_line() -> None:
    """Exit 1 with the reason on a failed step, 130 on Ctrl-C; servers and the cluster are stopped."""
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    try:
        print(markdown(main()))
    except BenchError as error:
        print(f"fault benchmark failed: {error}", file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:
        print("interrupted: servers and the cluster stopped", file=sys.stderr)
        sys.exit(130)
