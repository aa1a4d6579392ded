"""The buckets a series is cut into: days, ISO weeks (Monday to Sunday) or calendar months, the first
and last clipped to the window so that the points add up to the window's figure exactly."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from kernel.errors import InvalidInputError

__all__ = ("BUCKETS", "buckets", "chosen_bucket")

BUCKETS = ("day", "week", "month")
_DAYS_BY_DAY = 31
_DAYS_BY_WEEK = 182


def chosen_bucket(bucket: str | None, days: int) -> str:
    """`bucket` if it is one; left out, the one that keeps a chart readable: a point a day up to a
    month, a week up to half a year, a month beyond."""
    if bucket is None:
        return "day" if days <= _DAYS_BY_DAY else "week" if days <= _DAYS_BY_WEEK else "month"
    if bucket not in BUCKETS:
        raise InvalidInputError("bucket", f"must be day, week or month; got {bucket!r}")
    return bucket


def _next_start(day: date, bucket: str) -> date:
    """The first day of the bucket after the one `day` is in."""
    if bucket == "day":
        return day + timedelta(days=1)
    if bucket == "week":
        return day + timedelta(days=7 - day.weekday())
    return date(day.year + 1, 1, 1) if day.month == 12 else date(day.year, day.month + 1, 1)


@lru_cache(maxsize=1024)
def buckets(date_from: date, date_to: date, bucket: str) -> tuple[tuple[date, date], ...]:
    """Every bucket of the window, empty ones too, as `(first day, last day)`, both included.
    Remembered: the dashboard page cuts the same window on every view of the day."""
    cut: list[tuple[date, date]] = []
    start = date_from
    while start <= date_to:
        following = _next_start(start, bucket)
        end = min(following - timedelta(days=1), date_to)
        cut.append((start, end))
        start = following
    return tuple(cut)
