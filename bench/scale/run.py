"""Run every deployment in turn, several rounds, and print what moved.

    python -m bench.scale [--seconds 20] [--rounds 2] [--vus 16] [--output bench/results/scale.json]

The stack (primary, replica, pgbouncer, the seeded world) is started once; each round starts each
deployment's nodes, warms them up, then runs two scenarios with k6 (bench/writes/load.js): `mixed`
(nine dashboards, vendor's and platform's, for each order) and `writes` (orders only). The order of
the deployments turns each round, so drift in the machine's speed falls on all of them. Figures are
the medians over the rounds; ratios are against one node in the same run.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
from pathlib import Path
from typing import Any

from bench.processes import Server
from bench.scale.cpu import CpuMeter, listening_process
from bench.scale.deployments import DEPLOYMENTS, Deployment, deployed
from bench.scale.report import markdown
from bench.scale.stack import Accounts, Stack, running_stack
from bench.writes.summary import summarize
from bench.writes.traffic import Load, run_load

__all__ = ("main",)

SCENARIOS = ("mixed", "writes")


def _meter(stack: Stack, servers: list[Server]) -> CpuMeter:
    return CpuMeter({
        "nodes": [server.pid for server in servers],
        "primary": [listening_process("postgres", stack.primary.port)],
        "replica": [listening_process("postgres", stack.replica.port)],
        "pgbouncer": [listening_process("pgbouncer", stack.bouncer.port)],
    })  # fmt: skip


def _load(accounts: Accounts, stack: Stack, scenario: str, vus: int, seconds: float) -> Load:
    return Load(
        vus, seconds, accounts.owner_tokens, scenario == "mixed", accounts.admin_token, stack.platform_id
    )


def _turn(
    deployment: Deployment, stack: Stack, accounts: Accounts | None, arguments: argparse.Namespace, work: Path
) -> tuple[Accounts, dict[str, Any]]:
    """One deployment's turn in a round: start its nodes, warm up, measure each scenario."""
    measured: dict[str, Any] = {}
    with deployed(deployment, stack, work) as servers:
        accounts = accounts or stack.sign_in(servers[0].base_url)
        run_load(servers, _load(accounts, stack, "mixed", arguments.vus, arguments.warmup), work)
        meter = _meter(stack, servers)
        for scenario in SCENARIOS:
            with meter.measuring() as cpu:
                answers = run_load(
                    servers, _load(accounts, stack, scenario, arguments.vus, arguments.seconds), work
                )
            measured[scenario] = summarize(answers, arguments.seconds) | {"cpu_s": cpu}
    return accounts, measured


def _medians(rounds: list[dict[str, Any]]) -> dict[str, Any]:
    """Each figure's median over the rounds (statuses and windows from the last round)."""
    last = rounds[-1]
    out: dict[str, Any] = {}
    for key, value in last.items():
        if isinstance(value, dict):
            out[key] = _medians([r[key] for r in rounds if key in r])
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            out[key] = statistics.median(r[key] for r in rounds if r.get(key) is not None)
        else:
            out[key] = value
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--warmup", type=float, default=5.0)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--vus", type=int, default=16)
    parser.add_argument("--vendors", type=int, default=8)
    parser.add_argument("--orders", type=int, default=20_000)
    parser.add_argument("--output", type=Path, default=None)
    arguments = parser.parse_args()
    deployments = list(DEPLOYMENTS)
    rounds: dict[str, list[dict[str, Any]]] = {d.name: [] for d in deployments}
    accounts: Accounts | None = None
    with (
        tempfile.TemporaryDirectory(prefix="tessera-scale-") as folder,
        running_stack(arguments.vendors, arguments.orders) as stack,
    ):
        for number in range(arguments.rounds):
            turned = deployments[number % len(deployments) :] + deployments[: number % len(deployments)]
            for deployment in turned:
                print(f"round {number + 1}: {deployment.name}", flush=True)
                accounts, measured = _turn(deployment, stack, accounts, arguments, Path(folder))
                rounds[deployment.name].append(measured)
    results = {name: _medians(measured) for name, measured in rounds.items()}
    if arguments.output is not None:
        kept = {"arguments": vars(arguments) | {"output": str(arguments.output)}, "rounds": rounds}
        arguments.output.write_text(json.dumps(kept | {"medians": results}, indent=2))
    print(markdown(results, arguments.vus))
