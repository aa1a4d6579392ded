"""A platform's top vendors through the real API on both databases (`series_world.py`'s figures), and
the fixed number of statements the series and the ranking cost whatever the window."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from litestar.testing import TestClient

from adapters.container import Container
from adapters.http.app import create_app
from tests.adapters.http.series_world import TODAY, series_world
from tests.api import Api
from tests.fakes.clock import FrozenClock
from tests.statements import counted

TOP = "/api/v1/admin/dashboard/top-vendors"
JUNE = {"date_from": "2026-06-01", "date_to": "2026-06-14"}


@pytest.fixture
def world(api: Api, clock: FrozenClock) -> dict[str, Any]:
    return series_world(api, clock)


def _ranked(answer: dict[str, Any]) -> list[tuple[str, int, int]]:
    return [(vendor["name"], vendor["revenue"], vendor["orders"]) for vendor in answer["vendors"]]


def test_most_revenue_first_then_vendor_id(api: Api, world: dict[str, Any]) -> None:
    answer = api.stats(TOP, world["root"], platform_id=world["main"], **JUNE)
    # acme: EUR 1000 + 1500 + 3000 (its USD 700 is another currency); bolt and crux tie, bolt first
    assert _ranked(answer) == [("Acme", 5500, 5), ("Bolt", 4000, 1), ("Crux", 4000, 1)]  # dull sold nothing
    assert (answer["platform_id"], answer["currency"], answer["timezone"]) == (world["main"], "EUR", "UTC")
    assert answer["period"]["date_from"] == "2026-06-01"
    assert answer["vendors"][0]["vendor_id"] == world["acme"]
    limited = api.stats(TOP, world["main_admin"], limit=2, **JUNE)
    assert _ranked(limited) == [("Acme", 5500, 5), ("Bolt", 4000, 1)]


def test_a_vendors_days_are_its_own(api: Api, world: dict[str, Any]) -> None:
    """bolt's order is on its Tokyo 06-11, on the platform's 06-10: a window of 06-10 leaves it out."""
    answer = api.stats(
        TOP, world["root"], platform_id=world["main"], date_from="2026-06-10", date_to="2026-06-10"
    )
    assert _ranked(answer) == []
    answer = api.stats(
        TOP, world["root"], platform_id=world["main"], date_from="2026-06-11", date_to="2026-06-11"
    )
    assert _ranked(answer) == [("Bolt", 4000, 1)]


@pytest.mark.parametrize("limit", ["0", "51", "x"])
def test_limit_is_1_to_50(api: Api, world: dict[str, Any], limit: str) -> None:
    answer = api.client.get(TOP, params={"limit": limit}, headers=world["main_admin"])
    assert answer.status_code == 400
    assert answer.json()["extra"][0]["key"] == "limit"


def test_who_may_see_the_ranking(api: Api, world: dict[str, Any]) -> None:
    assert api.client.get(TOP, headers=world["acme_owner"]).status_code == 403
    assert (
        api.client.get(TOP, params={"platform_id": world["eu"]}, headers=world["main_admin"]).status_code
        == 403
    )
    assert api.client.get(TOP, params={"platform_id": 999}, headers=world["root"]).status_code == 404


def test_without_orders_the_ranking_is_empty(api: Api, world: dict[str, Any]) -> None:
    path = f"/api/v1/admin/platforms/{world['main']}/modules/orders"
    assert api.client.put(path, json={"enabled": False}, headers=world["root"]).status_code == 200
    assert api.stats(TOP, world["root"], platform_id=world["main"], **JUNE)["vendors"] == []


def _dull_sells(api: Api, world: dict[str, Any], clock: FrozenClock) -> None:
    """Dull's first order, on 06-13: inside `JUNE`, and more than anyone sold."""
    clock.set(datetime(2026, 6, 13, 9, 0, tzinfo=UTC))
    api.order(world["dull_owner"], 9000)
    clock.set(TODAY)


def test_the_ranking_is_kept_some_seconds_and_says_when(
    api: Api, world: dict[str, Any], clock: FrozenClock
) -> None:
    """`metrics.ranking_ttl_s` is 10 s by default, the dashboard cache off: a write does not drop
    the ranking, and the answer's `generated_at` says when it was ranked."""
    first = api.stats(TOP, world["root"], platform_id=world["main"], **JUNE)
    _dull_sells(api, world, clock)
    clock.set(datetime(2026, 6, 15, 12, 0, 5, tzinfo=UTC))
    again = api.stats(TOP, world["root"], platform_id=world["main"], **JUNE)
    assert again["vendors"] == first["vendors"]
    assert again["generated_at"] == first["generated_at"] == "2026-06-15T12:00:00Z"
    other_window = api.stats(TOP, world["root"], platform_id=world["main"], date_from="2026-06-13")
    assert _ranked(other_window)[0] == ("Dull", 9000, 1)  # another window is ranked afresh


@pytest.fixture
def ranking_uncached(make_container: Callable[..., Container]) -> Iterator[Api]:
    container = make_container({"metrics": {"ranking_ttl_s": 0}})
    with TestClient(create_app(container), base_url="http://testserver.local") as client:
        yield Api(client, container)


def test_with_no_ranking_ttl_every_view_ranks(ranking_uncached: Api, clock: FrozenClock) -> None:
    api = ranking_uncached
    world = series_world(api, clock)
    first = api.stats(TOP, world["root"], platform_id=world["main"], **JUNE)
    _dull_sells(api, world, clock)
    again = api.stats(TOP, world["root"], platform_id=world["main"], **JUNE)
    assert _ranked(again) == [("Dull", 9000, 1), *_ranked(first)]


def test_series_and_ranking_cost_the_same_statements_whatever_the_window(
    api: Api, world: dict[str, Any]
) -> None:
    engines = (api.container.engine(), api.container.metrics_engine())
    asks = [
        (
            "/api/v1/vendor/dashboard/series",
            world["acme_owner"],
            {"keys": "orders.period_orders,orders.period_revenue"},
        ),
        (
            "/api/v1/admin/dashboard/series",
            world["root"],
            {"keys": "orders.period_orders", "platform_id": world["main"]},
        ),
        (TOP, world["root"], {"platform_id": world["main"]}),
    ]
    for path, headers, params in asks:
        api.stats(path, headers, **params)  # the tenant and its switches are looked up once, then cached
        costs = []
        for period in ("7d", "365d", "3650d"):
            with counted(*engines) as statements:
                api.stats(
                    path, headers, period=period, bucket="day", **params
                ) if "series" in path else api.stats(path, headers, period=period, **params)
            costs.append(len(statements))
        assert costs == [1, 1, 1], (path, costs)
