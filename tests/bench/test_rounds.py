"""`--runs` and `--targets` without servers: a fake measurement stands in for serving and loading a
target, to show the order of the rounds, when the figures are compared, and what comes out."""

from __future__ import annotations

from typing import Any

import pytest

from bench.processes import BenchError
from bench.run import _rounds

pytestmark = pytest.mark.bench

_FIGURES = {"vendor": {"orders": (5, None, None)}, "admin": {"vendors": (3, None, None)}}


class _Targets:
    """Measures each target with made-up figures, its req/s going up by one each time it is measured."""

    def __init__(self, naive_figures: dict[str, Any] = _FIGURES) -> None:
        self.calls: list[tuple[str, bool]] = []
        self.naive_figures = naive_figures

    def __call__(self, target: str, served: bool) -> tuple[dict[str, Any], dict[str, Any] | None]:
        self.calls.append((target, served))
        rps = 100.0 * (1 + ("tessera", "floor", "naive").index(target)) + len(self.calls)
        run = {"requests": 10, "rps": rps, "p50_ms": 1.0, "p99_ms": 2.0, "errors": 0, "peak_rss_mb": 300.0}
        figures = (self.naive_figures if target == "naive" else _FIGURES) if served else None
        return {"vendor": run, "admin": run}, figures


def test_rounds_interleave_the_targets_and_compare_figures_in_the_first_only() -> None:
    measure = _Targets()
    results = _rounds(("tessera", "floor", "naive"), 3, measure)
    assert measure.calls == [
        ("tessera", True),
        ("floor", False),
        ("naive", True),
        *[("tessera", False), ("floor", False), ("naive", False)] * 2,
    ]
    assert list(results) == ["tessera", "floor", "naive"]
    assert [run["rps"] for run in results["floor"]["admin"]["runs"]] == [202.0, 205.0, 208.0]
    assert results["floor"]["admin"]["rps"] == 205.0
    assert results["tessera"]["vendor"]["rps"] == 104.0
    assert results["naive"]["vendor"]["rps"] == 306.0


def test_without_naive_no_figures_are_read_nor_compared() -> None:
    measure = _Targets()
    results = _rounds(("tessera", "floor"), 2, measure)
    assert measure.calls == [("tessera", False), ("floor", False)] * 2
    assert list(results) == ["tessera", "floor"]
    assert results["tessera"]["vendor"]["rps"] == 102.0  # the median of 101 and 103


def test_naive_figures_unlike_tesseras_stop_the_run_after_the_first_round() -> None:
    measure = _Targets(naive_figures={"vendor": {"orders": (4, None, None)}, "admin": _FIGURES["admin"]})
    differ = r"vendor orders: Tessera \(5, None, None\), naive \(4, None, None\)"
    with pytest.raises(BenchError, match=differ):
        _rounds(("tessera", "naive"), 2, measure)
    assert measure.calls == [("tessera", True), ("naive", True)]
