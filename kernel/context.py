"""What a dashboard asks its providers for: whose it is, a date window, its name, and whether to compare.

Dates are whole local days of the dashboard's owner (its IANA `timezone`), both ends included,
because that is how people read "1 to 30 June": a shop in Paris means Paris days. Providers query
UTC timestamps, so the context also hands out the matching half-open windows, from local midnight to
local midnight converted to UTC (a day is 23 or 25 hours when the clocks change); every provider then
counts the same rows for the same dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Literal
from zoneinfo import ZoneInfo

from sqlalchemy import and_

if TYPE_CHECKING:
    from sqlalchemy import ColumnElement
    from sqlalchemy.orm import QueryableAttribute

__all__ = ("MetricsContext", "Owner", "Scope", "TimeWindow")

Scope = Literal["vendor", "platform"]
"""Whose dashboard: a vendor's (its own figures) or a platform's (its vendors' and its own)."""
Owner = tuple[Scope, int]
"""`("vendor", vendor_id)` or `("platform", platform_id)`: whose figures, for the ledger and its readers."""


@dataclass(frozen=True, slots=True)
class TimeWindow:
    """`start <= t < end`, both aware UTC datetimes."""

    start: datetime
    end: datetime

    def includes(self, column: ColumnElement[datetime] | QueryableAttribute[datetime]) -> ColumnElement[bool]:
        """The SQL condition for a timestamp column inside the window, written once for every module."""
        return and_(column >= self.start, column < self.end)


def _midnight(day: date, zone: str) -> datetime:
    """The first moment of `day` in `zone`, in UTC. Where clocks jump over midnight (Santiago in
    September), midnight does not exist; it takes the offset from before the jump (fold=0), which
    gives exactly the moment the day begins."""
    return datetime.combine(day, time.min, tzinfo=ZoneInfo(zone)).astimezone(UTC)


@dataclass(frozen=True, slots=True)
class MetricsContext:
    """The period a dashboard covers. Build it with `kernel.period.resolve_period` from user input."""

    date_from: date
    date_to: date
    period: str = "30d"
    include_trends: bool = False
    timezone: str = "UTC"
    """The IANA zone whose days `date_from`..`date_to` are: the dashboard owner's."""
    currency: str = "EUR"
    """The owner's reporting currency (ISO 4217): the one its published money figures are in."""
    day_keys: tuple[str, ...] = ()
    """Keys whose sums per local day the caller wants back with the dashboard (`Dashboard.days`, a
    page's chart): the ledger's batch reads them in its one statement. Providers ignore them."""
    day_prefixes: tuple[str, ...] = ()
    """As `day_keys`, every key starting with one of these (money in each currency)."""

    @property
    def days(self) -> int:
        return (self.date_to - self.date_from).days + 1

    @property
    def window(self) -> TimeWindow:
        return TimeWindow(
            _midnight(self.date_from, self.timezone),
            _midnight(self.date_to + timedelta(days=1), self.timezone),
        )

    @property
    def previous_date_from(self) -> date:
        """First day of the previous period of the same length, which ends the day before this one."""
        return self.date_from - timedelta(days=self.days)

    @property
    def previous_date_to(self) -> date:
        return self.date_from - timedelta(days=1)

    @property
    def previous_window(self) -> TimeWindow:
        return TimeWindow(
            _midnight(self.previous_date_from, self.timezone), _midnight(self.date_from, self.timezone)
        )

    @property
    def windows(self) -> tuple[TimeWindow, TimeWindow]:
        """This window and the previous one: a period figure and its trend come from one statement."""
        return self.window, self.previous_window
