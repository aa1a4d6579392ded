"""How the write benchmark reads k6's lines and the sampler's rows, and the targets it judges."""

from __future__ import annotations

from typing import Any

import pytest

from bench.writes.cli import parse_options
from bench.writes.lock_waits import shares
from bench.writes.ratios import verdicts
from bench.writes.scenarios import scenarios
from bench.writes.summary import percentile, summarize
from bench.writes.traffic import Answer, parse_answer


def test_a_k6_line_is_an_answer_and_anything_else_is_not() -> None:
    assert parse_answer("R write 1700000000123 12.5 201") == Answer("write", 1700000000.123, 12.5, 201)
    assert parse_answer("R vendor 1700000000000 3 0") == Answer("vendor", 1700000000.0, 3.0, 0)
    assert parse_answer("time=... level=warning msg=something") is None
    assert parse_answer("R write 1700000000123 12.5") is None
    assert parse_answer("R write soon 12.5 201") is None


def test_percentiles_are_nearest_rank() -> None:
    values = [float(n) for n in range(1, 101)]
    assert percentile(values, 0.5) == 50.0
    assert percentile(values, 0.99) == 99.0
    assert percentile([7.0], 0.99) == 7.0
    assert percentile([], 0.5) is None


def test_orders_per_second_count_201s_over_the_window_and_the_rest_are_errors() -> None:
    answers = [Answer("write", 100.0 + n * 0.5, 10.0, 201) for n in range(8)]  # 100.0 .. 103.5 + 10 ms
    answers += [Answer("write", 101.0, 20.0, 503), Answer("write", 102.0, 30.0, 0)]
    found = summarize(answers, planned_s=3.0)
    assert found["window_s"] == 3.51
    assert found["writes"] == {
        "count": 10,
        "per_s": 2.3,  # 8 / 3.51
        "p50_ms": 10.0,
        "p99_ms": 30.0,
        "statuses": {"0": 1, "201": 8, "503": 1},
        "errors": 2,
    }
    assert "dashboards" not in found


def test_a_mixed_run_reports_dashboards_apart_from_writes() -> None:
    answers = [Answer("write", 10.0, 5.0, 201), Answer("vendor", 10.0, 40.0, 200)]
    answers += [Answer("admin", 11.0, 1000.0, 200), Answer("admin", 11.5, 60.0, 503)]
    found = summarize(answers, planned_s=1.0)
    assert found["window_s"] == 2.0
    assert found["writes"]["per_s"] == 0.5
    assert found["dashboards"]["count"] == 3
    assert found["dashboards"]["per_s"] == 1.0
    assert found["dashboards"]["statuses"] == {"200": 2, "503": 1}
    assert found["dashboards"]["errors"] == 1


def test_no_answers_leave_no_latency_and_no_rate() -> None:
    found = summarize([], planned_s=3.0)
    assert found["window_s"] == 3.0
    assert found["writes"]["count"] == 0
    assert found["writes"]["p50_ms"] is None


def test_lock_waits_are_shares_of_every_busy_backend_sample() -> None:
    samples = [
        ["Lock:transactionid", "Lock:transactionid", "CPU", "app, in a transaction"],
        ["Lock:tuple", "CPU"],
        [],
        ["IO:WALSync", "CPU"],
    ]
    found = shares(samples)
    assert found["samples"] == 4
    assert found["busy"] == 2.0  # 8 backend-samples over 4 samples
    assert found["lock_share"] == 0.375  # 3 of 8
    assert found["waits"] == {
        "CPU": 0.375,
        "Lock:transactionid": 0.25,
        "app, in a transaction": 0.125,
        "Lock:tuple": 0.125,
        "IO:WALSync": 0.125,
    }
    assert shares([]) == {"samples": 0, "busy": 0.0, "lock_share": 0.0, "waits": {}}


def test_scenario_names_carry_the_counts() -> None:
    assert list(scenarios(64, 16)) == [
        "writers-64-shared",
        "writers-64-own",
        "writers-16-one-vendor",
        "writers-16-vendors",
        "writer-1",
        "mixed",
    ]
    one_vendor = scenarios(4, 2)["writers-2-one-vendor"]
    assert (one_vendor.key, one_vendor.vus, one_vendor.layout, one_vendor.one_vendor) == (
        "few-one-vendor",
        2,
        "shared",
        True,
    )


def test_options_name_scenarios_by_the_counts_asked() -> None:
    options = parse_options(["--many", "4", "--few", "2", "--scenarios", "writers-4-own,writer-1"])
    assert options.scenarios == ["writers-4-own", "writer-1"]
    assert options.databases == ["postgresql", "sqlite"]
    assert options.baseline is None
    with pytest.raises(SystemExit):
        parse_options(["--scenarios", "writers-4-own"])  # the default count is 64
    with pytest.raises(SystemExit):
        parse_options(["--databases", "mysql"])


def _result(target: str, key: str, per_s: float, p50: float | None = 5.0) -> dict[str, Any]:
    return {"target": target, "key": key, "writes": {"per_s": per_s, "p50_ms": p50}}


def _report(results: list[dict[str, Any]]) -> dict[str, Any]:
    return {"settings": {"many": 64, "few": 16}, "databases": {"postgresql": results}}


def test_the_targets_are_ratios_of_the_working_tree_to_itself_and_to_the_baseline() -> None:
    results = [
        _result("current", "many-shared", 500.0),
        _result("current", "many-own", 600.0),
        _result("baseline", "many-shared", 150.0),
        _result("current", "few-one-vendor", 200.0),
        _result("current", "few-vendors", 400.0),
        _result("current", "one", 50.0, p50=4.0),
        _result("baseline", "one", 40.0, p50=5.0),
    ]
    found = [(v.target, v.measured, v.met) for v in verdicts(_report(results))]
    assert found == [
        ("writers-64-shared ≥ 0.8 x writers-64-own", "500.0 vs 600.0 orders/s (0.83x)", True),
        ("writers-64-shared ≥ 2.5 x baseline's", "500.0 vs 150.0 orders/s (3.33x)", True),
        ("writers-16-one-vendor ≥ 0.6 x writers-16-vendors", "200.0 vs 400.0 orders/s (0.50x)", False),
        ("writer-1 p50 ≤ baseline's", "4.0 vs 5.0 ms (0.80x)", True),
    ]


def test_a_target_whose_scenarios_were_not_both_run_is_left_out() -> None:
    results = [_result("current", "many-shared", 500.0), _result("current", "one", 50.0)]
    assert verdicts(_report(results)) == []


def test_a_scenario_without_answers_does_not_meet_its_target() -> None:
    results = [_result("current", "one", 0.0, p50=None), _result("baseline", "one", 40.0)]
    [verdict] = verdicts(_report(results))
    assert (verdict.measured, verdict.met) == ("no answers", False)
