"""Turn what a user typed (`period=90d`, `date_from=…`) into a `MetricsContext`.

One parser serves the HTTP API and the CLI so both accept and reject exactly the same input, and
every rejection names the parameter at fault.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from kernel.context import MetricsContext
from kernel.errors import InvalidInputError

__all__ = (
    "DEFAULT_PERIOD",
    "EARLIEST_DATE",
    "LATEST_DATE",
    "MAX_DAYS",
    "PERIOD_EXPECTS",
    "PERIOD_PATTERN",
    "resolve_period",
)

EARLIEST_DATE = date(1970, 1, 1)
LATEST_DATE = date(9000, 12, 31)
DEFAULT_PERIOD = "30d"
MAX_DAYS = 3660  # ten years and change: enough for any dashboard, small enough to stay cheap

PERIOD_PATTERN = r"^[1-9][0-9]{0,3}[dwmy]$"
"""What `period` looks like; the per-unit maximums (3660d, 522w, 120m, 10y) are checked on top."""
PERIOD_EXPECTS = "be a number and a unit d, w, m or y, like 30d or 12m"
"""The same in words, after "period must": what a person reads instead of the pattern."""
_PERIOD = re.compile(r"(?P<count>[1-9][0-9]{0,3})(?P<unit>[dwmy])")
_UNIT_NAMES = {"d": "days", "w": "weeks", "m": "months", "y": "years"}
_MAX_COUNT = {"d": MAX_DAYS, "w": MAX_DAYS // 7, "m": 120, "y": 10}


def _months_back(day: date, months: int) -> date:
    """The same day-of-month `months` earlier, clamped to the month's end (31 May - 3m = 28 Feb)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has at least 28 days")


def _period_start(period: str, date_to: date) -> date:
    """First day of the period that ends on `date_to` (both included): `7d` ending today is 7 days."""
    match = _PERIOD.fullmatch(period)  # the whole string: not a prefix, no trailing newline
    if match is None:
        raise InvalidInputError("period", f"must {PERIOD_EXPECTS}; got {period!r}")
    count, unit = int(match["count"]), match["unit"]
    if count > _MAX_COUNT[unit]:
        raise InvalidInputError("period", f"at most {_MAX_COUNT[unit]} {_UNIT_NAMES[unit]}; got {period!r}")
    if unit == "d":
        start = date_to - timedelta(days=count - 1)
    elif unit == "w":
        start = date_to - timedelta(weeks=count) + timedelta(days=1)
    else:
        months = count if unit == "m" else count * 12
        start = _months_back(date_to, months) + timedelta(days=1)
    return start


def _check_bounds(field: str, value: date) -> None:
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise InvalidInputError(field, f"must be between {EARLIEST_DATE} and {LATEST_DATE}; got {value}")


def resolve_period(
    *,
    today: date,
    period: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    include_trends: bool = False,
    timezone: str = "UTC",
) -> MetricsContext:
    """Resolve the dashboard window.

    `today` is the date in `timezone`, the zone the dates are days of (the dashboard owner's).
    Both dates given: that exact range, named "custom". Only `date_to`: the period ending then.
    Only `date_from`: from then to today. Neither: the period ending today. `period` left out: 30d.

    `period` with `date_from` is refused: the two say where the window starts, and one of them
    would be dropped without a word. `period` with `date_to` stays: it is the period ending then.
    """
    if period is not None and date_from is not None:
        raise InvalidInputError(
            "period",
            "period and date_from both say where the window starts: send period (with date_to to end "
            "it on that day) or date_from, not both",
        )
    period = DEFAULT_PERIOD if period is None else period
    if date_from is not None:
        _check_bounds("date_from", date_from)
    if date_to is not None:
        _check_bounds("date_to", date_to)
    end = date_to if date_to is not None else today
    if date_from is None:
        start = _period_start(period, end)
        name = period
        if start < EARLIEST_DATE:
            raise InvalidInputError(
                "period", f"a {period} period ending {end} would start before {EARLIEST_DATE}"
            )
    else:
        start = date_from
        name = "custom"
    if start > end:
        raise InvalidInputError(
            "date_from", f"must not be after date_to, or today when it is left out ({start} > {end})"
        )
    if (end - start).days + 1 > MAX_DAYS:
        raise InvalidInputError("date_from", f"the range {start}..{end} is longer than {MAX_DAYS} days")
    return MetricsContext(
        date_from=start, date_to=end, period=name, include_trends=include_trends, timezone=timezone
    )
