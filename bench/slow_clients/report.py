"""What the slow-clients run found, as figures and as the Markdown table docs/benchmarks.md shows."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bench.load import LoadResult

__all__ = ("KindSummary", "markdown", "summarize")

MARGIN_S = 1.0
"""A connection closed this long after its timeout still counts as closed within it: the server's
timer starts when a worker takes the connection, the client's when its connect returns, which under
a burst of 1,800 connects is up to half a second apart, and the client sees the close only when its
own event loop gets to it (its lag is in the report)."""


@dataclass(frozen=True)
class KindSummary:
    kind: str
    clients: int
    """Connections at once: each client opens a new one when the server closes its last."""
    connections: int
    closed: int
    within: int
    """Closed by the server within its timeout (plus `MARGIN_S`)."""
    first_within: int
    """Of each client's first connection, all opened at once: the crowd the target speaks of."""
    open_at_end: int
    overdue_at_end: int
    """Still open when the run ended, though open longer than the timeout: a limit that failed."""
    median_s: float | None
    max_s: float | None
    answers: dict[str, int]
    sent_mb: float = 0.0


def summarize(fates: Sequence[Mapping[str, Any]], timeouts: Mapping[str, float]) -> list[KindSummary]:
    """One row per kind of client; `timeouts` maps a kind to the limit that should close it."""
    rows = []
    for kind in ("slow_header", "idle", "slow_body", "huge"):
        mine = [fate for fate in fates if fate["kind"] == kind]
        if not mine:
            continue
        limit = timeouts[kind] + MARGIN_S
        closed = [fate["open_s"] for fate in mine if fate["closed"]]
        still_open = [fate["open_s"] for fate in mine if not fate["closed"]]
        answers = Counter(fate["answer"] or "none" for fate in mine if fate["closed"])
        first = [fate for fate in mine if fate["wave"] == 0]
        rows.append(
            KindSummary(
                kind=kind,
                clients=len(first),
                connections=len(mine),
                closed=len(closed),
                within=sum(1 for seconds in closed if seconds <= limit),
                first_within=sum(1 for fate in first if fate["closed"] and fate["open_s"] <= limit),
                open_at_end=len(still_open),
                overdue_at_end=sum(1 for seconds in still_open if seconds > limit),
                median_s=round(statistics.median(closed), 2) if closed else None,
                max_s=round(max(closed), 2) if closed else None,
                answers=dict(answers),
                sent_mb=round(max((fate["sent_mb"] for fate in mine), default=0.0), 1),
            )
        )
    return rows


def _seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def markdown(
    rows: Sequence[KindSummary],
    timeouts: Mapping[str, float],
    unloaded: LoadResult,
    loaded: LoadResult,
    memory_mb: tuple[float, float],
    loop_lag: Mapping[str, float],
) -> str:
    lines = [
        "| Clients at once | Connections in all | Closed by the server | Closed within the limit (+1 s): "
        "first connections, all | Median, max open (s) | Answer |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        limit = f"{timeouts[row.kind]:g} s" if row.kind != "huge" else "header size"
        answer = ", ".join(f"{code}: {count:,}" for code, count in sorted(row.answers.items()))
        if row.kind == "huge":
            answer += f" ({row.sent_mb:g} MB sent before the close)"
        still = (
            f"; {row.open_at_end:,} open at the end, {row.overdue_at_end} overdue" if row.open_at_end else ""
        )
        lines.append(
            f"| {row.clients:,} {row.kind.replace('_', ' ')} | {row.connections:,} | {row.closed:,}{still} | "
            f"{limit}: {row.first_within:,} of {row.clients:,}, {row.within:,} of {row.closed:,} | "
            f"{_seconds(row.median_s)}, {_seconds(row.max_s)} | {answer} |"
        )
    ratio = loaded.p99_ms / unloaded.p99_ms if unloaded.p99_ms else float("nan")
    lines += [
        "",
        "| Vendor dashboard | Requests | req/s | p50 (ms) | p99 (ms) | Errors | Peak RSS, server (MB) |",
        "| --- | --- | --- | --- | --- | --- | --- |",
        _load_row("alone", unloaded, memory_mb[0]),
        _load_row("with the slow clients", loaded, memory_mb[1]),
        "",
        f"p99 with the slow clients: {ratio:.2f} times unloaded (target: at most 2). The slow clients' "
        f"own event loop woke up to {loop_lag['max_s']:g} s late (p99 {loop_lag['p99_s']:g} s): a close "
        "it saw late is counted late.",
    ]
    return "\n".join(lines)


def _load_row(label: str, result: LoadResult, memory_mb: float) -> str:
    figures = (result.p50_ms, result.p99_ms, result.errors, memory_mb)
    return (
        f"| {label} | {result.requests:,} | {result.rps:g} | " + " | ".join(f"{v:g}" for v in figures) + " |"
    )
