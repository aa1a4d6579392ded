"""Tiles as people read them, and the memo that keeps each figure's tile (adapters/web/tiles.py)."""

from __future__ import annotations

from typing import Any

import pytest

from adapters.web.tiles import tile
from kernel.metrics import MetricValue


def _figure(value: int | float | str, **extra: Any) -> MetricValue:
    return MetricValue(key="orders.period_revenue", value=value, label="Revenue", category="orders", **extra)


@pytest.mark.parametrize(
    ("figure", "shown", "change"),
    [
        (_figure(123456, unit="cents", currency="EUR", trend="up", trend_value=12.5), "€1,234.56", "+12.5 %"),
        (_figure(1500, unit="cents", currency="JPY"), "¥1,500", ""),
        (
            _figure(1234, unit="cents", currency="BHD", trend="stable", trend_value=0.0),
            "BHD1.234",
            "no change",
        ),
        (_figure(2_500_000, unit="bytes", trend="up"), "2.5 MB", "new"),
        (_figure(12.34, unit="%", trend="down", trend_value=-3.0), "12.3 %", "-3.0 %"),
        (_figure(1234567), "1,234,567", ""),
    ],
)
def test_each_unit_is_written_for_people(figure: MetricValue, shown: str, change: str) -> None:
    made = tile(figure)
    assert (made.value, made.change, made.raw) == (shown, change, str(figure.value))


def test_the_same_figure_gets_the_same_tile_and_equal_values_of_two_types_do_not_share_one() -> None:
    assert tile(_figure(7)) is tile(_figure(7))
    assert (tile(_figure(1)).raw, tile(_figure(1.0)).raw) == ("1", "1.0")
    assert tile(_figure(8)).value != tile(_figure(9)).value
