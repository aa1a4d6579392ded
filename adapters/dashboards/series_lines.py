"""One chart line from a window's days: the days cut into buckets and summed, each bucket's value
computed exactly as the dashboard computes the figure over its window (`Metric.shown`).

The dashboard page draws two lines on every view, so a figure's heading is remembered and a line
that is one key's sum reads that key directly instead of building the whole figure per bucket.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from datetime import date
from functools import lru_cache

from adapters.dashboards.figure_keys import SeriesFigure
from adapters.dashboards.series_schemas import PointOut, SeriesLineOut
from adapters.dashboards.service import Days
from kernel.contracts.ledger import LedgerReading
from kernel.ledger_metrics import in_currency

__all__ = ("Bucket", "bucket_sums", "series_line")

Bucket = tuple[date, date, dict[str, int]]
"""A bucket's first and last day, and its keys' sums over those days."""


def bucket_sums(days: Days, cut: Sequence[tuple[date, date]]) -> list[Bucket]:
    """Each bucket with its keys' sums over its days; each day is looked at once."""
    starts = [first for first, _ in cut]
    sums: list[dict[str, int]] = [{} for _ in cut]
    for day, values in days.items():
        total = sums[bisect_right(starts, day) - 1]
        for key, value in values.items():
            total[key] = total.get(key, 0) + value
    return [(first, last, total) for (first, last), total in zip(cut, sums, strict=True)]


def _point(figure: SeriesFigure, currency: str, window: dict[str, int]) -> int | float | str:
    """A bucket's value exactly as `Metric.shown` computes a period row's over a window (its key's
    sum, or its function of the window's sums), without building the whole figure around it each
    time: the dashboard page reads a month of days for two figures on every view."""
    row = figure.row
    if not row.period:
        name = figure.shown_name()
        return row.shown(
            figure.table.metrics_category, LedgerReading(window=window), False, currency, name
        ).value
    if isinstance(row.value, str):
        return LedgerReading(window=window, currency=currency).in_window(row.value)
    return row.value(LedgerReading(totals=window, currency=currency))


def series_line(
    figure: SeriesFigure, home: str, sums: list[tuple[date, date, dict[str, int]]]
) -> SeriesLineOut:
    currency = figure.currency or home
    value = _valuer(figure, currency)
    label, unit, in_money = _heading(figure, currency)
    return SeriesLineOut(
        key=figure.key,
        label=label,
        unit=unit,
        currency=in_money,
        points=[
            PointOut(date_from=first, date_to=last, value=_number(value(window)))
            for first, last, window in sums
        ],
    )


@lru_cache(maxsize=1024)
def _heading(figure: SeriesFigure, currency: str) -> tuple[str, str, str | None]:
    """A line's label, unit and currency, as the figure's row publishes them (`Metric.shown`)."""
    whole = figure.row.shown(
        figure.table.metrics_category, LedgerReading(), False, currency, figure.shown_name()
    )
    return whole.label, whole.unit or "count", whole.currency


def _valuer(figure: SeriesFigure, currency: str) -> Callable[[dict[str, int]], int | float | str]:
    """How a bucket's value is computed from its sums: a period row that is one key's sum reads it
    (`LedgerReading.in_window`, with the key written for the currency once, not per bucket); any
    other row goes through `_point`."""
    row = figure.row
    if row.period and isinstance(row.value, str):
        key = in_currency(row.value, currency) if currency else row.value
        return lambda window: window.get(key, 0)
    return lambda window: _point(figure, currency, window)


def _number(value: int | float | str) -> int | float:
    """A period row's value is a sum or a function of sums: a number (`Metric.value`)."""
    if isinstance(value, str):
        raise TypeError(f"a period figure computed {value!r}, not a number")
    return value
