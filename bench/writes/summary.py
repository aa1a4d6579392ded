"""One scenario's k6 answers as figures: orders recorded per second, latencies, statuses."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from typing import Any

from bench.writes.traffic import Answer

__all__ = ("percentile", "summarize")

DASHBOARDS = ("vendor", "admin")


def percentile(values: Sequence[float], share: float) -> float | None:
    """Nearest rank: the smallest value at least `share` of them do not exceed."""
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[max(0, math.ceil(share * len(ordered)) - 1)], 1)


def _span_s(answers: Sequence[Answer], planned_s: float) -> float:
    """From the first request sent to the last answer received: k6 lets the last ones finish, so
    the window is a little longer than planned, and the rate counts the orders those recorded."""
    if not answers:
        return planned_s
    return max(answer.end_s for answer in answers) - min(answer.start_s for answer in answers)


def _requests(answers: Sequence[Answer], ok: int, span_s: float) -> dict[str, Any]:
    durations = [answer.duration_ms for answer in answers]
    statuses = Counter(str(answer.status) for answer in answers)
    return {
        "count": len(answers),
        "per_s": round(sum(a.status == ok for a in answers) / span_s, 1) if span_s > 0 else 0.0,
        "p50_ms": percentile(durations, 0.5),
        "p99_ms": percentile(durations, 0.99),
        "statuses": dict(sorted(statuses.items())),
        "errors": sum(answer.status != ok for answer in answers),
    }


def summarize(answers: Sequence[Answer], planned_s: float) -> dict[str, Any]:
    """Writes (201 is the only success: anything else is an error) and, if any, dashboards (200)."""
    span = _span_s(answers, planned_s)
    writes = [answer for answer in answers if answer.kind == "write"]
    reads = [answer for answer in answers if answer.kind in DASHBOARDS]
    found = {"window_s": round(span, 2), "writes": _requests(writes, 201, span)}
    return found | ({"dashboards": _requests(reads, 200, span)} if reads else {})
