"""The value every dashboard figure is, and the one rule for computing a trend.

`MetricValue` is a msgspec Struct so the HTTP layer can return it as it is: providers, the
aggregator and the API all speak the same type and nothing copies it field by field.
"""

from __future__ import annotations

from typing import Literal

import msgspec

__all__ = ("MetricValue", "Trend", "compare", "with_trend")

Trend = Literal["up", "down", "stable"]


class MetricValue(msgspec.Struct, frozen=True, kw_only=True):
    """One figure on a dashboard.

    `key` is `<category>.<snake_name>` and never changes once published; money is an `int` of
    the minor units of `currency` (cents of EUR, yen of JPY) with `unit="cents"`, so sums stay exact
    and a reader never adds two currencies.
    """

    key: str
    value: int | float | str
    label: str
    category: str
    icon: str | None = None
    description: str | None = None
    unit: str | None = None
    trend: Trend | None = None
    trend_value: float | None = None
    currency: str | None = None
    """The ISO 4217 code of a money figure; None for every other figure."""


def compare(current: int | float, previous: int | float) -> tuple[Trend, float | None]:
    """Trend of `current` against the previous period, as a direction and a percentage change.

    The percentage is rounded to one decimal. When the previous period had nothing, a rise has no
    meaningful percentage, so the direction is "up" and the value is None rather than infinity.
    """
    if current == previous:
        return "stable", 0.0
    direction: Trend = "up" if current > previous else "down"
    if previous == 0:
        return direction, None
    return direction, round((current - previous) * 100.0 / previous, 1)


def with_trend(metric: MetricValue, previous: int | float, include: bool) -> MetricValue:
    """`metric` with its trend against `previous` filled in when the dashboard asked for trends."""
    if not include or isinstance(metric.value, str):
        return metric
    trend, trend_value = compare(metric.value, previous)
    return msgspec.structs.replace(metric, trend=trend, trend_value=trend_value)
