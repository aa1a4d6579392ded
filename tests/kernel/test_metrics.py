from __future__ import annotations

import pytest

from kernel.metrics import MetricValue, compare, with_trend


@pytest.mark.parametrize(
    ("current", "previous", "expected"),
    [
        (5, 5, ("stable", 0.0)),
        (0, 0, ("stable", 0.0)),
        (6, 4, ("up", 50.0)),
        (4, 6, ("down", -33.3)),
        (5000, 3500, ("up", 42.9)),
        (1, 0, ("up", None)),  # no meaningful percentage from nothing
        (0, 3, ("down", -100.0)),
        (2.5, 2.0, ("up", 25.0)),
    ],
)
def test_compare(current: float, previous: float, expected: tuple[str, float | None]) -> None:
    assert compare(current, previous) == expected


def test_with_trend_only_when_asked() -> None:
    metric = MetricValue(key="x.y", value=10, label="Y", category="x")
    assert with_trend(metric, 5, include=False) is metric
    trended = with_trend(metric, 5, include=True)
    assert (trended.trend, trended.trend_value) == ("up", 100.0)
    assert trended.value == 10


def test_text_figures_have_no_trend() -> None:
    metric = MetricValue(key="x.plan", value="gold", label="Plan", category="x")
    assert with_trend(metric, 0, include=True) is metric
