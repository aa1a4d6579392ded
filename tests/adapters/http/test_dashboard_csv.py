"""Dashboards and series as CSV through the real API on both databases (`series_world.py`), and the
export functions the web pages reuse, on exact bodies."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from adapters.dashboards.csv_export import export_filename, series_csv
from adapters.dashboards.schemas import PeriodOut
from adapters.dashboards.series_schemas import PointOut, SeriesLineOut, VendorSeriesOut
from tests.adapters.http.series_world import series_world
from tests.api import Api
from tests.fakes.clock import FrozenClock

CSV = {"Accept": "text/csv"}
JUNE = {"date_from": "2026-06-01", "date_to": "2026-06-14"}
PERIOD = PeriodOut(
    name="custom",
    date_from=date(2026, 6, 1),
    date_to=date(2026, 6, 2),
    days=2,
    previous_date_from=None,
    previous_date_to=None,
)


@pytest.fixture
def world(api: Api, clock: FrozenClock) -> dict[str, Any]:
    return series_world(api, clock)


def test_a_series_as_csv(api: Api, world: dict[str, Any]) -> None:
    params = {"keys": "orders.period_revenue,orders.period_revenue_usd", "bucket": "week", **JUNE}
    answer = api.client.get(
        "/api/v1/vendor/dashboard/series", params=params, headers={**world["acme_owner"], **CSV}
    )
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "text/csv; charset=utf-8"
    assert answer.headers["content-disposition"] == 'attachment; filename="acme-2026-06-01-2026-06-14.csv"'
    assert answer.text == (
        "key,label,date_from,date_to,value,unit,currency\r\n"
        "orders.period_revenue,Revenue in period,2026-06-01,2026-06-07,25.00,money,EUR\r\n"
        "orders.period_revenue,Revenue in period,2026-06-08,2026-06-14,30.00,money,EUR\r\n"
        "orders.period_revenue_usd,Revenue in period (USD),2026-06-01,2026-06-07,7.00,money,USD\r\n"
        "orders.period_revenue_usd,Revenue in period (USD),2026-06-08,2026-06-14,0.00,money,USD\r\n"
    )
    json = api.client.get("/api/v1/vendor/dashboard/series", params=params, headers=world["acme_owner"])
    assert json.headers["content-type"] == "application/json"


def test_a_dashboard_as_csv(api: Api, world: dict[str, Any]) -> None:
    headers = {**world["root"], **CSV}
    params = {"platform_id": world["main"], "include_trends": "true", **JUNE}
    answer = api.client.get("/api/v1/admin/dashboard/stats", params=params, headers=headers)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-disposition"] == 'attachment; filename="main-2026-06-01-2026-06-14.csv"'
    lines = answer.text.split("\r\n")
    assert lines[0] == "category,key,label,value,unit,currency,trend,trend_value"
    orders = [line for line in lines if line.startswith("orders,")]
    assert orders[:9] == [  # the previous window (05-18..05-31) has acme's 900 of 05-20
        "orders,orders.total,Orders,8,count,,,",
        "orders,orders.total_revenue,Revenue,144.00,money,EUR,,",
        "orders,orders.average_order_value,Average order value,24.00,money,EUR,,",
        "orders,orders.pending,Pending orders,0,count,,stable,0.0",
        'orders,orders.awaiting_shipment,"Paid, not shipped",7,count,,up,600.0',
        "orders,orders.customers_with_orders,Customers with orders,3,count,,,",
        "orders,orders.repeat_customers,Repeat customers,1,count,,,",
        "orders,orders.period_orders,Orders in period,7,count,,up,600.0",
        "orders,orders.period_revenue,Revenue in period,135.00,money,EUR,up,1400.0",
    ]
    assert "orders,orders.period_cancellation_rate,Cancellation rate,14.3,%,,up," in orders  # 1 of 7
    assert "orders,orders.period_refunded_usd,Refunded in period (USD),0.00,money,USD,stable,0.0" in orders
    json = api.stats("/api/v1/admin/dashboard/stats", world["root"], **params)
    assert len(lines) == 2 + sum(
        len(metrics) for metrics in json["categories"].values()
    )  # header, final CRLF
    vendor = api.client.get(
        "/api/v1/vendor/dashboard/stats", params=JUNE, headers={**world["bolt_owner"], **CSV}
    )
    assert vendor.headers["content-disposition"] == 'attachment; filename="bolt-2026-06-01-2026-06-14.csv"'


def test_a_bad_request_for_csv_is_still_a_json_400(api: Api, world: dict[str, Any]) -> None:
    answer = api.client.get(
        "/api/v1/vendor/dashboard/series", params={"keys": "x"}, headers={**world["acme_owner"], **CSV}
    )
    assert (answer.status_code, answer.headers["content-type"]) == (400, "application/json")


def test_money_in_major_units_unit_money_and_labels_quoted() -> None:
    line = SeriesLineOut(
        key="orders.x",
        label='Revenue, "net"',
        unit="cents",
        currency="BHD",
        points=[PointOut(date_from=date(2026, 6, 1), date_to=date(2026, 6, 1), value=1234)],
    )
    lines = [
        line,
        SeriesLineOut(
            key="orders.y",
            label="Yen",
            unit="cents",
            currency="JPY",
            points=[PointOut(date_from=date(2026, 6, 2), date_to=date(2026, 6, 2), value=1500)],
        ),
        SeriesLineOut(
            key="orders.z",
            label="Euro",
            unit="cents",
            currency="EUR",
            points=[PointOut(date_from=date(2026, 6, 2), date_to=date(2026, 6, 2), value=-5)],
        ),
        SeriesLineOut(
            key="orders.c",
            label="Cents of nothing said",
            unit="cents",
            currency=None,
            points=[PointOut(date_from=date(2026, 6, 2), date_to=date(2026, 6, 2), value=250)],
        ),
        SeriesLineOut(
            key="orders.r",
            label="Rate",
            unit="%",
            currency=None,
            points=[PointOut(date_from=date(2026, 6, 2), date_to=date(2026, 6, 2), value=33.3)],
        ),
    ]
    answer = VendorSeriesOut(
        vendor_id=1,
        period=PERIOD,
        timezone="UTC",
        currency="EUR",
        bucket="day",
        generated_at=datetime(2026, 6, 15, tzinfo=UTC),
        read_from="primary",
        fresh_as_of=datetime(2026, 6, 15, tzinfo=UTC),
        series=lines,
    )
    assert "".join(series_csv(answer)) == (
        "key,label,date_from,date_to,value,unit,currency\r\n"
        'orders.x,"Revenue, ""net""",2026-06-01,2026-06-01,1.234,money,BHD\r\n'
        "orders.y,Yen,2026-06-02,2026-06-02,1500,money,JPY\r\n"
        "orders.z,Euro,2026-06-02,2026-06-02,-0.05,money,EUR\r\n"
        "orders.c,Cents of nothing said,2026-06-02,2026-06-02,250,cents,\r\n"  # no currency: as it is
        "orders.r,Rate,2026-06-02,2026-06-02,33.3,%,\r\n"
    )


@pytest.mark.parametrize(
    ("name", "filename"),
    [("Acme Shop", "acme-shop"), ("Ça & Là!", "ca-la"), ("***", "dashboard"), ('a"b\r\nc', "a-b-c")],
)
def test_export_filenames_are_slugs(name: str, filename: str) -> None:
    assert export_filename(name, PERIOD) == f"{filename}-2026-06-01-2026-06-02.csv"


@pytest.mark.parametrize(
    ("path", "who"),
    [
        ("/api/v1/vendor/dashboard/stats", "acme_owner"),
        ("/api/v1/admin/dashboard/stats", "root"),
        ("/api/v1/vendor/dashboard/series", "acme_owner"),
        ("/api/v1/admin/dashboard/series", "root"),
    ],
)
def test_an_accept_q_that_is_no_quality_is_a_400_naming_the_header(
    api: Api, world: dict[str, Any], path: str, who: str
) -> None:
    """Litestar turns q into an int: `inf` overflowed into a 500, `abc` was silently read as 1."""
    params = {"keys": "orders.period_revenue", **JUNE}
    if who == "root":
        params["platform_id"] = world["main"]
    for quality in ("inf", "1e400", "abc", "nan", "-1", "2", ""):
        accept = f"application/json;q=0.5, text/csv;q={quality}"
        answer = api.client.get(path, params=params, headers={**world[who], "Accept": accept})
        assert answer.status_code == 400, (quality, answer.text)
        assert answer.json() == {
            "status_code": 400,
            "detail": "Accept: each q must be a number from 0 to 1",
            "extra": [{"key": "Accept", "message": "each q must be a number from 0 to 1", "source": None}],
        }


@pytest.mark.parametrize(
    ("accept", "csv"),
    [("text/csv;q=1.0, application/json;q=0.9", True), ("text/csv; q=0, application/json", False)],
)
def test_a_well_formed_q_still_chooses(api: Api, world: dict[str, Any], accept: str, csv: bool) -> None:
    answer = api.client.get(
        "/api/v1/vendor/dashboard/stats", params=JUNE, headers={**world["acme_owner"], "Accept": accept}
    )
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/csv" if csv else "application/json")
