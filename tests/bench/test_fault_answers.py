"""How the fault benchmark reads k6's answers: which phase each falls in, and when service was back."""

from __future__ import annotations

from bench.faults.answers import phase_of, summarize
from bench.faults.scenarios import Window
from bench.faults.traffic import Answer

WINDOW = Window(start_s=100.0, end_s=110.0)


def _answer(
    kind: str, start_s: float, took_ms: float, status: int = 200, complete: bool = True, stale: bool = False
) -> Answer:
    return Answer(kind, start_s, took_ms, status, retry_after=status == 503, complete=complete, stale=stale)


def test_a_request_in_flight_at_any_moment_of_the_fault_is_during_it() -> None:
    assert phase_of(_answer("vendor", 99.0, 500), WINDOW) == "before"
    assert phase_of(_answer("vendor", 99.0, 2000), WINDOW) == "during"  # caught by it
    assert phase_of(_answer("vendor", 109.9, 5000), WINDOW) == "during"
    assert phase_of(_answer("vendor", 110.0, 5), WINDOW) == "after"


def test_service_is_back_when_a_complete_dashboard_and_a_write_have_both_arrived() -> None:
    answers = [
        _answer("write", 105.0, 100, 503, complete=False),
        _answer("vendor", 110.1, 100, complete=False),  # partial: not yet
        _answer("vendor", 110.2, 200),  # complete at 110.4
        _answer("write", 110.0, 900, 201),  # recorded at 110.9
        _answer("health", 104.0, 2),
        _answer("admin", 104.0, 5, complete=False, stale=True),  # the last good one: not recovered
        Answer("ready", 105.0, 3, 503, retry_after=False, complete=False),  # a probe's answer, not the API's
    ]
    summary = summarize(answers, WINDOW)
    assert summary["recovery"] == {"dashboard_s": 0.4, "write_s": 0.9, "service_s": 0.9}
    assert summary["dashboards"]["during"]["stale"] == 1
    assert summary["statuses"]["during"] == {
        "dashboard": {"200": 1},
        "write": {"503": 1},
        "health": {"200": 1},
        "ready": {"503": 1},
    }
    assert summary["dashboards"]["after"] | {"p50_ms": None} == {
        "complete": 1, "partial": 1, "stale": 0, "failed": 0, "p50_ms": None, "p99_ms": 200, "max_ms": 200
    }  # fmt: skip
    assert (summary["status_500"], summary["503_without_retry_after"], summary["no_answer"]) == (0, 0, 0)


def test_health_is_told_by_phase_and_on_the_wire() -> None:
    """The target reads all probes; the phases tell the stall from the load around it."""
    probes = [
        Answer("health", 95.0, 60, 200, retry_after=False, complete=True, wire_ms=58),
        Answer("health", 105.0, 4, 200, retry_after=False, complete=True, wire_ms=3),
        Answer("health", 111.0, 30, 200, retry_after=False, complete=True, wire_ms=29),
    ]
    health = summarize(probes, WINDOW)["health"]
    assert health["p99_ms"] == 60
    assert health["wire_p99_ms"] == 58
    assert health["p99_ms_by_phase"] == {"before": 60, "during": 4, "after": 30}
