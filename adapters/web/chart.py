"""Charts over time, drawn on the server as SVG by leather, so they show without JavaScript.

Why leather and not pygal: on this machine pygal took 4 ms for a week of days, 8 ms for a month
and 18 ms for 90 days (two series), which is more than the whole dashboard API call costs on the
server (about 5 ms), and the issue caps the page at 1.5 times that call; leather draws the same
month in under 1 ms and writes no script. Each chart is remembered by exactly what it shows, so a
dashboard opened again with unchanged figures is not drawn again.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import lru_cache

import leather

from contracts.currencies import major_units

__all__ = ("Chart", "chart_svg", "charts")

Chart = tuple[str, tuple[tuple[date, int | float], ...], str | None, str]
"""A chart: its title, its points (each bucket's first day and value), for money the currency, and
the bucket (day, week or month), which says how the dates under the axis are written."""

_WIDTH, _HEIGHT = 560, 220
_TICKS = 6
_DATES = {"month": "%b %Y"}


def _ticks(count: int) -> list[int]:
    """At most six positions under the axis, evenly spread over the points, the first always shown."""
    step = max(1, -(-count // _TICKS))
    return list(range(0, count, step))


def _drawn(value: int | float, currency: str | None) -> float:
    """A point's height: money in major units (drawing only; every figure shown is exact)."""
    if currency is None:
        return float(value)
    return float(major_units(round(value), currency))


@lru_cache(maxsize=512)
def chart_svg(chart: Chart) -> str:
    """Points are placed by their position, not their date: buckets are evenly spaced by
    construction, and leather's date scale picks hour ticks for a span under four days, which it
    then cannot write for dates. The dates are the labels of the positions."""
    title, points, currency, bucket = chart
    days = [day for day, _ in points]
    drawn = [(position, _drawn(value, currency)) for position, (_, value) in enumerate(points)]
    written = _DATES.get(bucket, "%b %d")

    def label(position: float, _index: int, _count: int) -> str:
        return days[int(position)].strftime(written) if 0 <= position < len(days) else ""

    figure = leather.Chart(title)
    figure.add_x_scale(0, max(len(points) - 1, 1))
    figure.add_x_axis(ticks=_ticks(len(points)), tick_formatter=label)
    if len(drawn) == 1:  # a line needs two points; one bucket is a single dot
        figure.add_dots(drawn)
    else:  # one layer only: leather adds a legend to a chart of several
        figure.add_line(drawn, width=2)
    return str(figure.to_svg(width=_WIDTH, height=_HEIGHT))


def charts(lines: Sequence[tuple[str, Sequence[tuple[date, int | float]], str | None, str]]) -> list[str]:
    return [
        chart_svg((title, tuple(points), money, bucket)) for title, points, money, bucket in lines if points
    ]
