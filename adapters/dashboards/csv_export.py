"""Dashboards and series as CSV rows, for the API's `Accept: text/csv` and the web pages' downloads.

Money is written as an exact decimal in major units of its currency (1234 cents of EUR is `12.34`,
1500 JPY is `1500`, 1234 fils of BHD is `1.234`), computed with `Decimal`, never a float: a
spreadsheet reads it as the amount a person expects, and nothing is rounded on the way. Its `unit`
says `money` (the `currency` column says which), not the API's `cents`: a cell says what it holds.
Labels may hold commas or quotes: the `csv` module quotes them.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator

from adapters.dashboards.schemas import PeriodOut, PlatformDashboardOut, VendorDashboardOut
from adapters.dashboards.series_schemas import PlatformSeriesOut, VendorSeriesOut
from contracts.currencies import major_units

__all__ = ("DASHBOARD_COLUMNS", "SERIES_COLUMNS", "dashboard_csv", "export_filename", "series_csv")

DASHBOARD_COLUMNS = ("category", "key", "label", "value", "unit", "currency", "trend", "trend_value")
SERIES_COLUMNS = ("key", "label", "date_from", "date_to", "value", "unit", "currency")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_MONEY = "money"


def _cells(value: int | float | str, unit: str | None, currency: str | None) -> tuple[str, str | None]:
    """The value and unit cells: money in major units of its currency, any other figure as it is."""
    if unit == "cents" and currency is not None and isinstance(value, int):
        return format(major_units(value, currency), "f"), _MONEY
    return str(value), unit


def _lines(rows: Iterable[Iterable[object]]) -> Iterator[str]:
    """Each row as one CSV line (ending in CRLF, as RFC 4180 and spreadsheets expect)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow(["" if cell is None else cell for cell in row])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def dashboard_csv(answer: VendorDashboardOut | PlatformDashboardOut) -> Iterator[str]:
    """The header, then one line per figure, category by category in the dashboard's order."""
    rows: list[Iterable[object]] = [DASHBOARD_COLUMNS]
    rows += [
        (
            category,
            metric.key,
            metric.label,
            *_cells(metric.value, metric.unit, metric.currency),
            metric.currency,
            metric.trend,
            metric.trend_value,
        )
        for category, metrics in answer.categories.items()
        for metric in metrics
    ]
    return _lines(rows)


def series_csv(answer: VendorSeriesOut | PlatformSeriesOut) -> Iterator[str]:
    """The header, then one line per point, line by line in the order asked."""
    rows: list[Iterable[object]] = [SERIES_COLUMNS]
    rows += [
        (
            line.key,
            line.label,
            point.date_from.isoformat(),
            point.date_to.isoformat(),
            *_cells(point.value, line.unit, line.currency),
            line.currency,
        )
        for line in answer.series
        for point in line.points
    ]
    return _lines(rows)


def export_filename(owner_name: str, period: PeriodOut) -> str:
    """`<owner-slug>-<date_from>-<date_to>.csv`: whose figures and which days, safe in any header."""
    letters = unicodedata.normalize("NFKD", owner_name).encode("ascii", "ignore").decode().lower()
    slug = _NOT_SLUG.sub("-", letters).strip("-") or "dashboard"
    return f"{slug}-{period.date_from.isoformat()}-{period.date_to.isoformat()}.csv"
