from __future__ import annotations

from datetime import date

import pytest

from kernel.errors import InvalidInputError
from kernel.period import resolve_period

TODAY = date(2026, 6, 15)


@pytest.mark.parametrize(
    ("period", "first_day"),
    [
        ("1d", date(2026, 6, 15)),
        ("7d", date(2026, 6, 9)),
        ("30d", date(2026, 5, 17)),
        ("90d", date(2026, 3, 18)),
        ("2w", date(2026, 6, 2)),
        ("1m", date(2026, 5, 16)),
        ("12m", date(2025, 6, 16)),
        ("1y", date(2025, 6, 16)),
        ("3660d", date(2016, 6, 8)),
    ],
)
def test_a_period_ends_today_and_includes_both_ends(period: str, first_day: date) -> None:
    context = resolve_period(today=TODAY, period=period)
    assert (context.date_from, context.date_to, context.period) == (first_day, TODAY, period)


def test_months_are_clamped_to_the_end_of_shorter_months() -> None:
    context = resolve_period(today=date(2026, 5, 31), period="3m")
    assert context.date_from == date(2026, 3, 1)  # 28 Feb + 1 day
    leap = resolve_period(today=date(2024, 3, 31), period="1m")
    assert leap.date_from == date(2024, 3, 1)  # 29 Feb 2024 + 1 day


def test_explicit_dates_win_and_are_named_custom() -> None:
    context = resolve_period(today=TODAY, date_from=date(2026, 1, 1), date_to=date(2026, 1, 31))
    assert (context.date_from, context.date_to, context.period, context.days) == (
        date(2026, 1, 1),
        date(2026, 1, 31),
        "custom",
        31,
    )
    assert (context.previous_date_from, context.previous_date_to) == (date(2025, 12, 1), date(2025, 12, 31))


def test_only_date_to_takes_the_period_ending_then() -> None:
    context = resolve_period(today=TODAY, period="7d", date_to=date(2026, 1, 31))
    assert (context.date_from, context.date_to, context.period) == (
        date(2026, 1, 25),
        date(2026, 1, 31),
        "7d",
    )


def test_only_date_from_runs_to_today() -> None:
    context = resolve_period(today=TODAY, date_from=date(2026, 6, 1))
    assert (context.date_from, context.date_to) == (date(2026, 6, 1), TODAY)


def test_windows_are_half_open_utc_days() -> None:
    context = resolve_period(today=TODAY, period="1d", include_trends=True)
    assert context.window.start.isoformat() == "2026-06-15T00:00:00+00:00"
    assert context.window.end.isoformat() == "2026-06-16T00:00:00+00:00"
    assert context.previous_window.start.isoformat() == "2026-06-14T00:00:00+00:00"
    assert context.previous_window.end == context.window.start


@pytest.mark.parametrize(
    ("arguments", "field", "fragment"),
    [
        ({"period": "30"}, "period", "must be a number and a unit"),
        ({"period": "0d"}, "period", "must be a number and a unit"),
        ({"period": "-5d"}, "period", "must be a number and a unit"),
        ({"period": "30D"}, "period", "must be a number and a unit"),
        ({"period": "9999d"}, "period", "at most 3660 days"),
        ({"period": "11y"}, "period", "at most 10 years"),
        ({"period": "121m"}, "period", "at most 120 months"),
        ({"date_from": date(2026, 2, 1), "date_to": date(2026, 1, 1)}, "date_from", "must not be after"),
        ({"date_from": date(1969, 12, 31)}, "date_from", "must be between"),
        ({"date_to": date(9999, 12, 31)}, "date_to", "must be between"),
        ({"date_from": date(2000, 1, 1), "date_to": date(2026, 1, 1)}, "date_from", "longer than 3660 days"),
        ({"period": "bad", "date_from": date(2026, 1, 1)}, "period", "period and date_from both say"),
        ({"period": "7d", "date_from": date(2026, 1, 1)}, "period", "not both"),
    ],
)
def test_bad_input_names_the_parameter(arguments: dict, field: str, fragment: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        resolve_period(today=TODAY, **arguments)
    assert caught.value.field == field
    assert fragment in caught.value.message


def test_a_period_may_not_start_before_the_earliest_date() -> None:
    with pytest.raises(InvalidInputError) as caught:
        resolve_period(today=TODAY, period="3660d", date_to=date(1970, 1, 1))
    assert caught.value.field == "period"


def test_a_future_start_without_an_end_is_refused() -> None:
    with pytest.raises(InvalidInputError, match="must not be after date_to, or today"):
        resolve_period(today=TODAY, date_from=date(2026, 7, 1))
