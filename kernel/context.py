"""What a dashboard asks its providers for: a date window, its name, and whether to compare.

Dates are whole UTC days, both ends included, because that is how people read "1 to 30 June".
Providers query timestamps, so the context also hands out the matching half-open datetime
windows; every provider then counts the same rows for the same dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import and_

if TYPE_CHECKING:
    from sqlalchemy import ColumnElement
    from sqlalchemy.orm import QueryableAttribute

__all__ = ("MetricsContext", "TimeWindow")


@dataclass(frozen=True, slots=True)
class TimeWindow:
    """`start <= t < end`, both aware UTC datetimes."""

    start: datetime
    end: datetime

    def includes(self, column: ColumnElement[datetime] | QueryableAttribute[datetime]) -> ColumnElement[bool]:
        """The SQL condition for a timestamp column inside the window, written once for every module."""
        return and_(column >= self.start, column < self.end)


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class MetricsContext:
    """The period a dashboard covers. Build it with `kernel.period.resolve_period` from user input."""

    date_from: date
    date_to: date
    period: str = "30d"
    include_trends: bool = False

    @property
    def days(self) -> int:
        return (self.date_to - self.date_from).days + 1

    @property
    def window(self) -> TimeWindow:
        return TimeWindow(_midnight(self.date_from), _midnight(self.date_to + timedelta(days=1)))

    @property
    def previous_date_from(self) -> date:
        """First day of the previous period of the same length, which ends the day before this one."""
        return self.date_from - timedelta(days=self.days)

    @property
    def previous_date_to(self) -> date:
        return self.date_from - timedelta(days=1)

    @property
    def previous_window(self) -> TimeWindow:
        return TimeWindow(_midnight(self.previous_date_from), _midnight(self.date_from))

    @property
    def windows(self) -> tuple[TimeWindow, TimeWindow]:
        """This window and the previous one: a period figure and its trend come from one statement."""
        return self.window, self.previous_window
