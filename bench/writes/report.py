"""The write run as Markdown: one table per database, the targets, and the "Writes" section of
docs/benchmarks.md they are pasted into, replaced whole on each run so the page never mixes runs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bench.docs_page import replace_section
from bench.writes.ratios import verdicts

__all__ = ("HEADING", "markdown", "write_section")

HEADING = "## Writes"
"""The section goes before this one when the page has no Writes section yet (at the end if neither)."""
_TOP_WAITS = 3


def _n(value: float | None, digits: int = 0) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def _statuses(counts: dict[str, int]) -> str:
    return ", ".join(f"{status}: {count:,}" for status, count in counts.items()) or "—"


def _waits(waits: dict[str, Any] | None) -> tuple[str, str, str]:
    """Busy backends, the share of samples waiting on a lock, and the commonest waits."""
    if waits is None:
        return "—", "—", "—"
    top = ", ".join(f"{event} {share:.0%}" for event, share in list(waits["waits"].items())[:_TOP_WAITS])
    return f"{waits['busy']:.1f}", f"{waits['lock_share']:.0%}", top or "—"


def _row(result: dict[str, Any], commits: dict[str, str]) -> str:
    writes, boards = result["writes"], result.get("dashboards")
    cells = [
        result["scenario"],
        f"{result['target']} `{commits.get(result['target'], '?')}`",
        _n(writes["per_s"], 1),
        f"{_n(writes['p50_ms'], 1)} / {_n(writes['p99_ms'], 1)}",
        _statuses(writes["statuses"]),
        "—"
        if boards is None
        else f"{_n(boards['per_s'], 1)} ({_n(boards['p50_ms'])} / {_n(boards['p99_ms'])})",
        *_waits(result.get("lock_waits")),
    ]
    return "| " + " | ".join(cells) + " |"


def _database_table(results: list[dict[str, Any]], commits: dict[str, str]) -> list[str]:
    lines = [
        "| scenario | target | orders/s | write p50 / p99 ms | write statuses"
        " | dashboards/s (p50 / p99 ms) | busy backends | lock waits | commonest waits |",
        "| --- | --- | ---: | ---: | --- | ---: | ---: | ---: | --- |",
    ]
    return lines + [_row(result, commits) for result in results]


def _targets(report: dict[str, Any]) -> list[str]:
    lines = ["| database | target | measured | met |", "| --- | --- | --- | --- |"]
    lines += [
        f"| {v.database} | {v.target} | {v.measured} | {'yes' if v.met else '**no**'} |"
        for v in verdicts(report)
    ]
    return lines


def markdown(report: dict[str, Any]) -> str:
    """Each database's table, then the targets."""
    commits = {name: target["commit"] for name, target in report["targets"].items() if target}
    lines: list[str] = []
    for database, results in report["databases"].items():
        lines += [f"**{database}**", "", *_database_table(results, commits), ""]
    return "\n".join([*lines, *_targets(report)]) + "\n"


def _section(report: dict[str, Any]) -> str:
    machine, settings, averages = report["machine"], report["settings"], report["load_average_1m"]
    k6 = machine["k6"].split(" (")[0]
    baseline = report["targets"].get("baseline")
    against = (
        f"against the baseline `{baseline['commit']}` (`--baseline {baseline['ref']}`),"
        " served from a `git worktree` of its own with its own virtualenv and database,"
        " scenario by scenario in turn"
        if baseline
        else "without a baseline"
    )
    return f"""{HEADING}

How fast orders are recorded, and what they wait on (issue 13): `python -m bench.writes` runs k6
`constant-vus` writers posting `POST /api/v1/vendor/orders`, each signed in as another vendor's owner
(unless one vendor is named), against `tessera serve --workers {settings["workers"]}` on a fresh database
per target, {against}. Layouts: `shared`, {settings["vendors"]} vendors on one platform; `own`, as many
vendors each on a platform of its own. `mixed`: nine requests in ten read a dashboard (a vendor's or
the platform's, 30 days with trends), one writes. Customer emails are per writer, 50 each; one order
in three is pending, the rest paid. Each scenario: {settings["warmup_s"]:g} s of warm-up (not measured),
then {settings["seconds"]:g} s measured. Any answer but 201 to a write is an error, shown. Lock waits
(PostgreSQL): `pg_stat_activity` sampled every 100 ms, the app's backends inside a request
(`active`, or `idle in transaction`: the app working while its transaction holds its locks); "busy
backends" is their average number, "lock waits" the share of their samples waiting on a `Lock:` event.

```sh
{report["command"]}
```

Measured {report["measured_at"]} at commit `{machine["commit"]}` on {machine["cores"]} cores
({machine["cpu"]}), {machine["ram_gb"]} GB RAM, PostgreSQL {machine["postgresql"]}, SQLite
{machine["sqlite"]}, {k6}; the load generator, the servers and the databases share the machine.
Load average (1 min): {averages["before"]} before the run, {averages["after"]} after it.

{markdown(report)}"""


def write_section(report: dict[str, Any], page: Path) -> None:
    """Replace the page's Writes section (up to the next `## ` heading), or add one."""
    replace_section(page, HEADING, _section(report))
