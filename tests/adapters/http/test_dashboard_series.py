"""Series through the real API on both databases: points per day, week and month on the worked example
of `series_world.py`, each figure's points adding up to its `/dashboard/stats` value, and the 400s."""

from __future__ import annotations

from typing import Any

import pytest

from adapters.ledger import fold_ledger
from tests.adapters.http.series_world import series_world
from tests.api import Api, figures
from tests.fakes.clock import FrozenClock

VENDOR, ADMIN = "/api/v1/vendor/dashboard/series", "/api/v1/admin/dashboard/series"
STATS_VENDOR, STATS_ADMIN = "/api/v1/vendor/dashboard/stats", "/api/v1/admin/dashboard/stats"
JUNE = {"date_from": "2026-06-01", "date_to": "2026-06-14"}
KEYS = (
    "orders.period_orders,orders.period_revenue,orders.period_net_revenue,"
    "orders.period_cancellation_rate,orders.period_refunded,orders.period_revenue_usd"
)


@pytest.fixture
def world(api: Api, clock: FrozenClock) -> dict[str, Any]:
    return series_world(api, clock)


def _lines(answer: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """`{key: {date_from: value}}`, leaving out zero points."""
    return {
        line["key"]: {point["date_from"]: point["value"] for point in line["points"] if point["value"]}
        for line in answer["series"]
    }


def test_points_per_day_on_the_worked_example(api: Api, world: dict[str, Any]) -> None:
    answer = api.stats(VENDOR, world["acme_owner"], keys=KEYS, **JUNE)
    assert (answer["bucket"], answer["vendor_id"], answer["timezone"], answer["currency"]) == (
        "day",
        world["acme"],
        "UTC",
        "EUR",
    )
    assert [len(line["points"]) for line in answer["series"]] == [14] * 6  # zeros included
    assert answer["series"][0]["points"][0] == {
        "date_from": "2026-06-01",
        "date_to": "2026-06-01",
        "value": 2,
    }
    assert _lines(answer) == {
        "orders.period_orders": {"2026-06-01": 2, "2026-06-03": 1, "2026-06-05": 1, "2026-06-08": 1},
        "orders.period_revenue": {"2026-06-01": 1000, "2026-06-03": 1500, "2026-06-08": 3000},
        "orders.period_net_revenue": {"2026-06-01": 1000, "2026-06-03": 2000, "2026-06-08": 2500},
        "orders.period_cancellation_rate": {"2026-06-01": 50.0},  # one of the day's two orders
        "orders.period_refunded": {"2026-06-08": 500},
        "orders.period_revenue_usd": {"2026-06-05": 700},
    }
    usd = answer["series"][5]
    assert (usd["label"], usd["unit"], usd["currency"]) == ("Revenue in period (USD)", "cents", "USD")
    assert (answer["series"][0]["unit"], answer["series"][0]["currency"]) == ("count", None)


def test_a_vendor_in_another_zone_counts_its_own_days(api: Api, world: dict[str, Any]) -> None:
    bolt = api.stats(VENDOR, world["bolt_owner"], keys="orders.period_orders", **JUNE)
    assert (bolt["timezone"], _lines(bolt)) == (
        "Asia/Tokyo",
        {"orders.period_orders": {"2026-06-11": 1}},
    )
    main = api.stats(ADMIN, world["root"], platform_id=world["main"], keys="orders.period_orders", **JUNE)
    assert _lines(main)["orders.period_orders"] == {
        "2026-06-01": 2,
        "2026-06-03": 1,
        "2026-06-05": 1,
        "2026-06-08": 1,
        "2026-06-10": 1,  # bolt's, on the platform's UTC day
        "2026-06-12": 1,
    }


@pytest.mark.parametrize(
    "window", [JUNE, {"period": "30d"}, {"date_from": "2026-06-02", "date_to": "2026-06-09"}]
)
@pytest.mark.parametrize("bucket", ["day", "week", "month"])
def test_the_points_add_up_to_the_dashboards_figure(
    api: Api, world: dict[str, Any], window: dict[str, str], bucket: str
) -> None:
    money = KEYS.replace(",orders.period_cancellation_rate", "")  # a rate does not add up
    for path, stats, headers, extra in (
        (VENDOR, STATS_VENDOR, world["acme_owner"], {}),
        (VENDOR, STATS_VENDOR, world["bolt_owner"], {}),
        (ADMIN, STATS_ADMIN, world["root"], {"platform_id": world["main"]}),
    ):
        series = api.stats(path, headers, keys=money, bucket=bucket, **window, **extra)
        dashboard = figures(api.stats(stats, headers, **window, **extra), "orders")
        for line in series["series"]:
            assert sum(point["value"] for point in line["points"]) == dashboard.get(line["key"], 0), line[
                "key"
            ]
        assert series["period"] == api.stats(stats, headers, **window, **extra)["period"]


def test_weeks_start_on_monday_and_the_ends_are_clipped(api: Api, world: dict[str, Any]) -> None:
    answer = api.stats(
        VENDOR,
        world["acme_owner"],
        keys="orders.period_orders,orders.period_cancellation_rate",
        bucket="week",
        date_from="2026-05-27",
        date_to="2026-06-09",
    )
    orders, rate = answer["series"]
    assert orders["points"] == [
        {"date_from": "2026-05-27", "date_to": "2026-05-31", "value": 0},  # Wednesday to Sunday
        {"date_from": "2026-06-01", "date_to": "2026-06-07", "value": 4},
        {"date_from": "2026-06-08", "date_to": "2026-06-09", "value": 1},
    ]
    assert [point["value"] for point in rate["points"]] == [0.0, 25.0, 0.0]  # 1 of the week's 4


def test_months_are_calendar_months_clipped_to_the_window(api: Api, world: dict[str, Any]) -> None:
    answer = api.stats(
        VENDOR,
        world["acme_owner"],
        keys="orders.period_revenue",
        bucket="month",
        date_from="2026-05-20",
        date_to="2026-07-02",
    )
    assert answer["series"][0]["points"] == [
        {"date_from": "2026-05-20", "date_to": "2026-05-31", "value": 900},
        {"date_from": "2026-06-01", "date_to": "2026-06-30", "value": 5500},
        {"date_from": "2026-07-01", "date_to": "2026-07-02", "value": 0},
    ]


@pytest.mark.parametrize(
    ("period", "bucket", "points"),
    [("1d", "day", 1), ("31d", "day", 31), ("32d", "week", 6), ("182d", "week", 27), ("183d", "month", 7)],
)
def test_the_bucket_left_out_follows_the_window(
    api: Api, world: dict[str, Any], period: str, bucket: str, points: int
) -> None:
    answer = api.stats(VENDOR, world["acme_owner"], keys="orders.period_orders", period=period)
    assert (answer["bucket"], len(answer["series"][0]["points"])) == (bucket, points)


@pytest.mark.parametrize(
    ("params", "field", "sentence"),
    [
        ({"keys": "orders.nope"}, "keys", "'orders.nope' is not a period figure of this dashboard; ask for "),
        ({"keys": "orders.total"}, "keys", "'orders.total' is not a period figure"),  # all time: no points
        ({"keys": "orders.period_revenue_xyz"}, "keys", "like orders.period_net_revenue_usd"),
        ({"keys": ","}, "keys", "must name at least one figure, like orders.period_orders"),
        ({"keys": ",".join(f"orders.period_orders{n}" for n in range(21))}, "keys", "at most 20 figures"),
        (
            {"keys": "orders.period_orders", "bucket": "year"},
            "bucket",
            "must be day, week or month; got 'year'",
        ),
        ({"keys": "orders.period_orders", "period": "7d", "date_from": "2026-06-01"}, "period", "not both"),
    ],
)
def test_bad_input_is_a_400_with_a_sentence(
    api: Api, world: dict[str, Any], params: dict[str, str], field: str, sentence: str
) -> None:
    answer = api.client.get(VENDOR, params=params, headers=world["acme_owner"])
    assert answer.status_code == 400, answer.text
    assert answer.json()["extra"][0]["key"] == field
    assert sentence in answer.json()["detail"]
    assert "orders.period_orders" in answer.json()["detail"] or field != "keys" or "at most" in sentence


def test_keys_are_required(api: Api, world: dict[str, Any]) -> None:
    answer = api.client.get(ADMIN, headers=world["root"])
    assert (answer.status_code, answer.json()["detail"]) == (
        400,
        "keys: must name at least one figure, like orders.period_orders",
    )


def test_who_may_see_which_series(api: Api, world: dict[str, Any]) -> None:
    keys = {"keys": "orders.period_orders"}
    assert api.client.get(VENDOR, params=keys, headers=world["root"]).status_code == 403
    assert api.client.get(ADMIN, params=keys, headers=world["acme_owner"]).status_code == 403
    other = {**keys, "platform_id": world["eu"]}
    assert api.client.get(ADMIN, params=other, headers=world["main_admin"]).status_code == 403
    assert (
        api.client.get(ADMIN, params={**keys, "platform_id": 999}, headers=world["root"]).status_code == 404
    )
    own = api.stats(ADMIN, world["main_admin"], **keys)
    assert own["platform_id"] == world["main"]
    assert api.client.get(VENDOR, params=keys).status_code == 401


def test_a_platform_with_orders_switched_off_has_no_orders_figures(api: Api, world: dict[str, Any]) -> None:
    path = f"/api/v1/admin/platforms/{world['main']}/modules/orders"
    assert api.client.put(path, json={"enabled": False}, headers=world["root"]).status_code == 200
    answer = api.client.get(
        ADMIN, params={"keys": "orders.period_orders", "platform_id": world["main"]}, headers=world["root"]
    )
    assert answer.status_code == 400
    assert "'orders.period_orders' is not a period figure of this dashboard" in answer.json()["detail"]
    assert "orders." not in answer.json()["detail"].split("ask for", 1)[1]
    eu = api.stats(ADMIN, world["root"], platform_id=world["eu"], keys="orders.period_orders", **JUNE)
    assert _lines(eu) == {"orders.period_orders": {"2026-06-02": 1}}


def test_folded_days_read_as_the_deltas_did(api: Api, world: dict[str, Any]) -> None:
    """Until here every figure was still a delta (the folder is off in tests); folded, the same points."""
    asks = [
        (VENDOR, world["acme_owner"], {}),
        (VENDOR, world["bolt_owner"], {}),
        (ADMIN, world["root"], {"platform_id": world["main"]}),
        ("/api/v1/admin/dashboard/top-vendors", world["root"], {"platform_id": world["main"]}),
    ]
    before = [api.stats(path, headers, keys=KEYS, **JUNE, **extra) for path, headers, extra in asks]
    assert fold_ledger(api.container) > 0
    assert [api.stats(path, headers, keys=KEYS, **JUNE, **extra) for path, headers, extra in asks] == before
