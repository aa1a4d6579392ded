"""The fault run as Markdown: the tables people read, and the "Faults" section of docs/benchmarks.md
they are pasted into, replaced whole on each run so the page never mixes two runs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bench.docs_page import replace_section
from bench.faults.answers import PHASES
from bench.faults.targets import verdicts

__all__ = ("markdown", "write_section")

HEADING = "## Faults"
"""The section goes before this one when the page has no Faults section yet (at the end if neither)."""


def _n(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f}"


def _statuses(counts: dict[str, int]) -> str:
    return ", ".join(f"{status}: {count:,}" for status, count in counts.items()) or "—"


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _boards(board: dict[str, Any]) -> str:
    return " / ".join(f"{board[kind]:,}" for kind in ("complete", "partial", "stale", "failed"))


def _ready(result: dict[str, Any], phase: str) -> str:
    """/ready's statuses in a phase, and its p99: a probe that says 200 while nothing is served lies."""
    return f"{_statuses(result['statuses'][phase]['ready'])} (p99 {_n(result['ready'][phase]['p99_ms'])} ms)"


def _health(health: dict[str, Any]) -> str:
    by_phase = health.get("p99_ms_by_phase", {})
    phases = " / ".join(_n(by_phase.get(phase)) for phase in ("before", "during", "after"))
    return f"{_n(health['p99_ms'])} ({phases})"


def _headline(report: dict[str, Any]) -> list[str]:
    lines = [
        "| scenario | fault s | dashboards during: complete / partial / stale / failed"
        " | dashboard p50 / p99 / max ms | writes during | write p99 / max ms"
        " | /health p99 ms: all (before / during / after)"
        " | /ready during | 500s | 503 without Retry-After | no answer | recovered after s | log lines during"
        " | app connections before → after (leaked)"
        " | wrong figures |",
        "| --- |" + " ---: |" * 14,
    ]
    for result in report["scenarios"]:
        board, writes = result["dashboards"]["during"], result["writes"]["during"]
        connections, recovered = result["connections"], result["recovery"]["service_s"]
        before, after = sum(connections["before"].values()), sum(connections["after"].values())
        cells = [
            result["scenario"],
            str(result["fault_s"]),
            _boards(board),
            f"{_n(board['p50_ms'])} / {_n(board['p99_ms'])} / {_n(board['max_ms'])}",
            _statuses(result["statuses"]["during"]["write"]),
            f"{_n(writes['p99_ms'])} / {_n(writes['max_ms'])}",
            _health(result["health"]),
            _ready(result, "during"),
            f"{result['status_500']:,}",
            f"{result['503_without_retry_after']:,}",
            f"{result['no_answer']:,}",
            "never" if recovered is None else str(recovered),
            f"{result['log']['lines_during']:,}",
            f"{before} → {after} ({connections['leaked']})",
            str(len(result["wrong_figures"])),
        ]
        lines.append(_row(cells))
    return lines


def _phases(report: dict[str, Any]) -> list[str]:
    lines = [
        "| scenario | phase | dashboards complete / partial / stale / failed | dashboard statuses"
        " | dashboard p99 ms | write statuses | write p99 ms | /ready |",
        "| --- | --- | ---: | --- | ---: | --- | ---: | --- |",
    ]
    for result in report["scenarios"]:
        for phase in PHASES:
            board, statuses = result["dashboards"][phase], result["statuses"][phase]
            cells = [result["scenario"], phase, _boards(board), _statuses(statuses["dashboard"])]
            cells += [
                _n(board["p99_ms"]),
                _statuses(statuses["write"]),
                _n(result["writes"][phase]["p99_ms"]),
                _ready(result, phase),
            ]
            lines.append(_row(cells))
    return lines


def _targets(report: dict[str, Any]) -> list[str]:
    lines = ["| scenario | target | measured | met |", "| --- | --- | --- | --- |"]
    lines += [
        f"| {v.scenario} | {v.target} | {v.measured} | {'yes' if v.met else '**no**'} |"
        for v in verdicts(report)
    ]
    return lines


def markdown(report: dict[str, Any]) -> str:
    """The three tables: each scenario at a glance, each phase of it, and the issue's targets."""
    return "\n".join([*_headline(report), "", *_phases(report), "", *_targets(report)]) + "\n"


def _section(report: dict[str, Any]) -> str:
    machine, load, metrics = report["machine"], report["load"], report["settings"]["metrics"]
    database, averages = report["settings"]["database"], load["load_average_1m"]
    k6 = machine["k6"].split(" (")[0]  # the version, without the build's commit and Go version
    return f"""{HEADING}

What clients see while PostgreSQL fails (issue 12): `python -m bench.faults` plays each fault on a
throwaway cluster of its own (never the shared server) under {load["readers"]} dashboard readers (half
a vendor's dashboard, half a platform's, with trends), {load["writers"]} order writers (each as one of the
{load["vendors"]} vendors' owners), one `/health` poller every 100 ms and one `/ready` poller every
500 ms, all k6 `constant-vus`,
against `tessera serve --workers {load["server_workers"]}` with the settings as shipped
(`metrics.provider_timeout_ms` {metrics["provider_timeout_ms"]:,}, `database.lock_timeout_ms`
{database["lock_timeout_ms"]:,}, `statement_timeout_ms` {database["statement_timeout_ms"]:,}). Data:
`tessera seed --scale {load["scale"]}`. Each scenario has a server of its own, warmed up first. A
request is "during" if it was in flight at any moment of the fault, else "before" or "after" it
(measured for {load["before_s"]:g} s before, {load["after_s"]:g} s after, or a little less). "Recovered after"
runs from the fault's end (`pg_ctl start` returned, lock released, backends resumed) to the first
complete dashboard and the first 201 write that arrived after it. App connections are the server's
PostgreSQL backends once idle, after the warm-up and after the load; leaked are those still busy
then, plus any past what the pools keep idle (`database.pool_size` + `metrics.max_workers` per
worker, {load["server_workers"]} workers). Order
figures are checked, load stopped, against `COUNT`/`SUM` over `orders`: every vendor's dashboard
and the platform's.

```sh
{report["command"]}
```

Measured {report["measured_at"]} at commit `{machine["commit"]}` on {machine["cores"]} cores
({machine["cpu"]}), {machine["ram_gb"]} GB RAM, PostgreSQL {machine["postgresql"]}, {k6};
the load generator, the server and PostgreSQL share the machine. Load average (1 min):
{averages["before"]} before the run, {averages["after"]} after it; above the core count, something
else ran too.

{markdown(report)}"""


def write_section(report: dict[str, Any], page: Path) -> None:
    """Replace the page's Faults section (up to the next `## ` heading), or add one."""
    replace_section(page, HEADING, _section(report))
