"""The page's chart, read with its dashboard in one statement, against the series read on its own:
the same points before and after a fold, for an owner in UTC and one in Tokyo, and for figures that
are one key's sum (read alone) and one that is a function of its table's keys (read whole)."""

from __future__ import annotations

from typing import Any

import pytest

from adapters.dashboards.freshness import Sourced
from adapters.dashboards.windows import PeriodQuery
from adapters.web.dashboard_view import CHART_KEYS
from kernel.context import Owner
from tests.adapters.http.series_world import series_world
from tests.api import Api
from tests.fakes.clock import FrozenClock

KEYS = (*CHART_KEYS, "orders.period_cancellation_rate", "orders.period_revenue_usd")
JUNE = PeriodQuery(None, None, None)


@pytest.fixture
def world(api: Api, clock: FrozenClock) -> dict[str, Any]:
    return series_world(api, clock)


def _both(api: Api, owner: Owner, platform_id: int, keys: tuple[str, ...]) -> tuple[Any, Any]:
    """The series from the dashboard's days, and the series read alone."""
    service, series = api.container.dashboard_service(), api.container.dashboard_series()
    wanted = series.day_keys(keys, owner, platform_id)
    assert wanted is not None
    if owner[0] == "vendor":
        answer, days = service.vendor_with_days(owner[1], JUNE, platform_id, wanted)
        assert days is not None
        read = Sourced(days, answer.read_from, answer.fresh_as_of)
        return (
            series.vendor(owner[1], JUNE, keys, None, platform_id, read),
            series.vendor(owner[1], JUNE, keys, None, platform_id),
        )
    platform_answer, platform_days = service.platform_with_days(owner[1], JUNE, wanted)
    assert platform_days is not None
    read = Sourced(platform_days, platform_answer.read_from, platform_answer.fresh_as_of)
    return series.platform(owner[1], JUNE, keys, None, read), series.platform(owner[1], JUNE, keys)


def _points(answer: Any) -> list[list[tuple[Any, Any]]]:
    return [[(p.date_from, p.value) for p in line.points] for line in answer.series]


@pytest.mark.parametrize("keys", [CHART_KEYS, KEYS], ids=["one key each", "a function too"])
def test_the_dashboards_days_draw_the_series_points(api: Api, world: dict, keys: tuple[str, ...]) -> None:
    owners: list[Owner] = [("vendor", world["acme"]), ("vendor", world["bolt"]), ("platform", world["main"])]
    for folded in (False, True):
        if folded:
            with api.container.session_factory()() as session, session.begin():
                assert api.container.ledger().fold(session, 10_000)
        for owner in owners:
            together, alone = _both(api, owner, world["main"], keys)
            assert _points(together) == _points(alone), (owner, folded)
            assert any(value for line in _points(alone) for _, value in line), owner
