"""Issue 12's targets, each held to what a scenario measured: met, or not, with the figure."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

__all__ = ("Verdict", "verdicts")

MARGIN_MS = 250
"""What a bound may be overrun by: the answer has to be written and sent after the bound fires."""
HEALTH_P99_MS = 50
RECOVERY_S = 1.0
OUTAGE_LOG_LINES = 200


@dataclass(frozen=True)
class Verdict:
    scenario: str
    target: str
    measured: str
    met: bool


def _ms(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f} ms"


def _lock_stall(result: dict[str, Any], settings: dict[str, Any]) -> list[tuple[str, str, bool]]:
    budget = settings["metrics"]["provider_timeout_ms"] + MARGIN_MS
    write_bound = settings["database"]["lock_timeout_ms"] + MARGIN_MS
    dashboard, writes = result["dashboards"]["during"], result["writes"]["during"]
    statuses = set(result["statuses"]["during"]["write"]) | set(result["statuses"]["before"]["write"])
    health, leaked = result["health"]["p99_ms"], result["connections"]
    return [
        (f"dashboard p99 ≤ {budget:,} ms", _ms(dashboard["p99_ms"]), (dashboard["p99_ms"] or 0) <= budget),
        (
            f"every write answers within {write_bound:,} ms",
            f"max {_ms(writes['max_ms'])}",
            (writes["max_ms"] or 0) <= write_bound,
        ),
        ("writes answer 201 or 503 only", ", ".join(sorted(statuses)), statuses <= {"201", "503"}),
        (f"/health p99 < {HEALTH_P99_MS} ms", _ms(health), (health or 0) < HEALTH_P99_MS),
        (
            "0 connections leaked",
            f"{leaked['leaked']} ({leaked['busy_after']} busy)",
            leaked["leaked"] == 0,
        ),
    ]


def _restart(result: dict[str, Any], _settings: dict[str, Any]) -> list[tuple[str, str, bool]]:
    recovered, wrong = result["recovery"]["service_s"], result["wrong_figures"]
    without = result["503_without_retry_after"]
    return [
        ("0 responses 500", str(result["status_500"]), result["status_500"] == 0),
        ("Retry-After on every 503", f"{without} without", without == 0),
        ("0 wrong figures", str(len(wrong)), not wrong),
        (
            f"service complete within {RECOVERY_S:g} s",
            "never" if recovered is None else f"{recovered:.2f} s",
            recovered is not None and recovered <= RECOVERY_S,
        ),
    ]


def _outage(result: dict[str, Any], settings: dict[str, Any]) -> list[tuple[str, str, bool]]:
    """A restart's targets, and few log lines however long the outage."""
    lines = result["log"]["lines_during"]
    logged = (f"log lines during the outage ≤ {OUTAGE_LOG_LINES}", f"{lines:,}", lines <= OUTAGE_LOG_LINES)
    return [*_restart(result, settings), logged]


_TARGETS: dict[str, Callable[[dict[str, Any], dict[str, Any]], list[tuple[str, str, bool]]]] = {
    "lock-stall": _lock_stall,
    "outage": _outage,
    "restart": _restart,
}


def verdicts(report: dict[str, Any]) -> list[Verdict]:
    """Every target of every scenario that has some (paused backends are reported, not judged)."""
    found = []
    for result in report["scenarios"]:
        judge = _TARGETS.get(result["scenario"])
        if judge is not None:
            found += [Verdict(result["scenario"], *row) for row in judge(result, report["settings"])]
    return found
