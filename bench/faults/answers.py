"""What clients saw, phase by phase: the k6 answers placed before, during or after the fault
window, and the figures the report shows."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from bench.faults.scenarios import Window
from bench.faults.traffic import Answer

__all__ = ("PHASES", "phase_of", "summarize")

PHASES = ("before", "during", "after")
DASHBOARDS = ("vendor", "admin")
_GROUPS = (("dashboard", DASHBOARDS), ("write", ("write",)), ("health", ("health",)), ("ready", ("ready",)))


def phase_of(answer: Answer, window: Window) -> str:
    """`during` if the request was in flight at any moment of the fault: one caught by it when it
    began counts there, however long before it was sent."""
    if answer.end_s < window.start_s:
        return "before"
    return "during" if answer.start_s < window.end_s else "after"


def percentile(values: Sequence[float], share: float) -> float | None:
    """Nearest rank: the smallest value at least `share` of them do not exceed."""
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[max(0, math.ceil(share * len(ordered)) - 1)], 1)


def _latency(answers: Iterable[Answer]) -> dict[str, float | None]:
    durations = [answer.duration_ms for answer in answers]
    return {
        "p50_ms": percentile(durations, 0.5),
        "p99_ms": percentile(durations, 0.99),
        "max_ms": max(durations, default=None),
    }


def _dashboards(answers: list[Answer]) -> dict[str, Any]:
    """Complete (fresh, every category), partial (a fresh 200 missing some), stale (the last complete
    one, served while the database did not answer) and failed (anything else)."""
    complete = sum(answer.complete for answer in answers)
    stale = sum(answer.stale for answer in answers)
    partial = sum(answer.status == 200 and not answer.complete and not answer.stale for answer in answers)
    failed = len(answers) - complete - partial - stale
    return {"complete": complete, "partial": partial, "stale": stale, "failed": failed} | _latency(answers)


def _first_success_after(answers: Iterable[Answer], kinds: tuple[str, ...], moment: float) -> float | None:
    """Seconds from `moment` to the first complete answer of `kinds` that arrived after it."""
    ends = [a.end_s for a in answers if a.kind in kinds and a.complete and a.end_s >= moment]
    return round(min(ends) - moment, 3) if ends else None


def recovery(answers: list[Answer], window: Window) -> dict[str, float | None]:
    """From the fault's end to a complete dashboard and a recorded order: service complete again."""
    dashboard = _first_success_after(answers, DASHBOARDS, window.end_s)
    write = _first_success_after(answers, ("write",), window.end_s)
    both = None if dashboard is None or write is None else max(dashboard, write)
    return {"dashboard_s": dashboard, "write_s": write, "service_s": both}


def _health(answers: list[Answer], phases: dict[str, list[Answer]]) -> dict[str, Any]:
    """Overall, as the target reads; by phase, to tell the stall from the load around it; and on the
    wire (k6's `http_req_duration`), to tell the server's delay from the load generator's own."""
    probes = [a for a in answers if a.kind == "health"]
    return _latency(probes) | {
        "wire_p99_ms": percentile([a.wire_ms for a in probes], 0.99),
        "p99_ms_by_phase": {
            phase: percentile([a.duration_ms for a in found if a.kind == "health"], 0.99)
            for phase, found in phases.items()
        },
    }


def summarize(answers: list[Answer], window: Window) -> dict[str, Any]:
    """Statuses by phase and kind, latencies by phase, and what no fault may ever cause."""
    phases: dict[str, list[Answer]] = {phase: [] for phase in PHASES}
    for answer in answers:
        phases[phase_of(answer, window)].append(answer)
    statuses = {
        phase: {
            kind: dict(sorted(Counter(str(a.status) for a in found if a.kind in kinds).items()))
            for kind, kinds in _GROUPS
        }
        for phase, found in phases.items()
    }
    return {
        "statuses": statuses,
        "dashboards": {
            p: _dashboards([a for a in found if a.kind in DASHBOARDS]) for p, found in phases.items()
        },
        "writes": {p: _latency(a for a in found if a.kind == "write") for p, found in phases.items()},
        "health": _health(answers, phases),
        "ready": {p: _latency(a for a in found if a.kind == "ready") for p, found in phases.items()},
        "status_500": sum(a.status == 500 for a in answers),
        "no_answer": sum(a.status == 0 for a in answers),
        # the API's 503s; /ready's 503 is a probe's answer to an orchestrator, not a request to retry
        "503_without_retry_after": sum(
            a.status == 503 and not a.retry_after for a in answers if a.kind not in ("health", "ready")
        ),
        "recovery": recovery(answers, window),
    }
