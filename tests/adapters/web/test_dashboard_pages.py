"""The dashboard pages show exactly the API's figures, follow the period picker and the module
switches, and open only for whom the API would answer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from dependency_injector import providers

from tests.adapters.web.pages import csrf_token, sign_in, tiles
from tests.api import Api
from tests.fakes.clock import FrozenClock
from tests.fakes.providers import FailingMetrics

VENDOR = "/api/v1/vendor/dashboard/stats"
ADMIN = "/api/v1/admin/dashboard/stats"


@pytest.fixture
def world(api: Api, clock: FrozenClock) -> dict:
    clock.set(datetime(2026, 6, 15, 9, 0, tzinfo=UTC))
    world = api.three_vendors()
    owner = world["acme_owner"]
    for days_ago, cents in ((1, 2500), (3, 1250), (20, 4000), (60, 9900)):
        clock.set(datetime(2026, 6, 15, 9, 0, tzinfo=UTC) - timedelta(days=days_ago))
        api.post("/api/v1/vendor/orders", owner, customer_email=f"c{days_ago}@example.com", total_cents=cents)
    clock.set(datetime(2026, 6, 15, 9, 0, tzinfo=UTC))
    world["main_admin"] = api.user(
        world["root"], "admin@main.test", "platform_admin", platform_id=world["main"]
    )
    return world


def _api_values(api: Api, path: str, headers: dict[str, str], **params: str) -> dict[str, str]:
    answer = api.stats(path, headers, include_trends="true", **params)
    return {m["key"]: str(m["value"]) for metrics in answer["categories"].values() for m in metrics}


@pytest.mark.parametrize("period", ["7d", "30d", "90d", "12m"])
def test_every_vendor_tile_is_the_apis_figure(api: Api, world: dict, period: str) -> None:
    sign_in(api.client, "owner@acme.test")
    page = api.client.get("/dashboard", params={"period": period})
    assert page.status_code == 200
    assert tiles(page.text) == _api_values(api, VENDOR, world["acme_owner"], period=period)


def test_the_period_changes_the_figures(api: Api, world: dict) -> None:
    sign_in(api.client, "owner@acme.test")
    week = tiles(api.client.get("/dashboard", params={"period": "7d"}).text)
    quarter = tiles(api.client.get("/dashboard", params={"period": "90d"}).text)
    assert (week["orders.period_orders"], quarter["orders.period_orders"]) == ("2", "4")
    custom = api.client.get("/dashboard", params={"period": "custom", "date_from": "2026-05-20"})
    assert tiles(custom.text)["orders.period_revenue"] == "7750"
    assert "€77.50" in custom.text


def test_money_and_trends_are_written_for_people(api: Api, world: dict) -> None:
    sign_in(api.client, "owner@acme.test")
    page = api.client.get("/dashboard", params={"period": "7d"}).text
    assert "€37.50" in page  # 2500 + 1250 cents in the week
    assert '<p class="trend up"><span aria-hidden="true">▲</span> new' in page  # nothing the week before


def test_every_platform_tile_is_the_apis_figure(api: Api, world: dict) -> None:
    sign_in(api.client, "admin@main.test")
    page = api.client.get("/admin", params={"period": "30d"})
    assert page.status_code == 200
    assert tiles(page.text) == _api_values(api, ADMIN, world["main_admin"], period="30d")


def test_a_super_admin_picks_the_platform(api: Api, world: dict) -> None:
    sign_in(api.client, "root@example.com")
    page = api.client.get("/admin", params={"platform_id": world["eu"]})
    assert page.status_code == 200
    assert '<option value="2" selected>' in page.text
    assert tiles(page.text) == _api_values(api, ADMIN, world["root"], platform_id=str(world["eu"]))


def test_a_module_switched_off_leaves_no_tile(api: Api, world: dict) -> None:
    sign_in(api.client, "admin@main.test")
    modules = api.client.get("/admin/modules")
    assert 'data-module="orders" data-enabled="on"' in modules.text
    form = {"code": "orders", "enabled": "off", "_csrf_token": csrf_token(modules.text)}
    switched = api.client.post("/admin/modules", data=form, follow_redirects=False)
    assert (switched.status_code, switched.headers["location"]) == (303, "/admin/modules")
    assert 'data-module="orders" data-enabled="off"' in api.client.get("/admin/modules").text
    page = api.client.get("/admin").text
    assert not [key for key in tiles(page) if key.startswith("orders.")]
    assert 'data-category="orders"' not in page
    api.client.cookies.clear()
    sign_in(api.client, "owner@acme.test")
    assert not [key for key in tiles(api.client.get("/dashboard").text) if key.startswith("orders.")]


def test_a_refused_switch_says_why_and_changes_nothing(api: Api, world: dict) -> None:
    sign_in(api.client, "admin@main.test")
    modules = api.client.get("/admin/modules")
    form = {"code": "tenancy", "enabled": "off", "_csrf_token": csrf_token(modules.text)}
    refused = api.client.post("/admin/modules", data=form)
    assert refused.status_code == 409
    assert "&#39;tenancy&#39; is a core module" in refused.text
    assert 'data-module="tenancy" data-enabled="on"' in api.client.get("/admin/modules").text


def test_a_failing_category_is_temporarily_unavailable(api: Api, world: dict) -> None:
    sign_in(api.client, "owner@acme.test")
    with api.container.tenancy.ledger_metrics.override(providers.Object(FailingMetrics("tenancy"))):
        page = api.client.get("/dashboard").text
    assert '<section class="category" data-category="tenancy">' in page
    assert "Temporarily unavailable" in page
    assert "orders.period_orders" in tiles(page)


@pytest.mark.parametrize(
    ("email", "path", "headers", "status"),
    [
        ("owner@acme.test", "/admin", {}, 403),  # a vendor on the platform page
        ("owner@acme.test", "/admin/modules", {}, 403),
        ("owner@acme.test", "/dashboard", {"host": "bolt.main.test"}, 403),  # another vendor's shop
        ("admin@main.test", "/admin?platform_id=2", {}, 403),  # another platform
        ("admin@main.test", "/dashboard", {}, 403),  # an admin has no vendor page
    ],
)
def test_pages_open_only_for_their_owner(
    api: Api, world: dict, email: str, path: str, headers: dict[str, str], status: int
) -> None:
    sign_in(api.client, email)
    refused = api.client.get(path, headers=headers)
    assert refused.status_code == status
    assert '<p class="error" role="alert">' in refused.text
    assert 'data-key="' not in refused.text


@pytest.mark.parametrize(
    ("params", "sentence"),
    [
        ({"period": "5y"}, "pick one of 7d, 30d, 90d, 12m or custom dates"),
        ({"period": "custom"}, "pick the first day of the custom period"),
        ({"period": "custom", "date_from": "2026-06-10", "date_to": "2026-06-01"}, "date_from"),
        ({"date_from": "not a date"}, "date_from"),
    ],
)
def test_a_bad_period_is_a_400_page(api: Api, world: dict, params: dict[str, str], sentence: str) -> None:
    sign_in(api.client, "owner@acme.test")
    refused = api.client.get("/dashboard", params=params)
    assert refused.status_code == 400
    assert sentence in refused.text


def test_the_page_weighs_under_200_kb(api: Api, world: dict) -> None:
    sign_in(api.client, "root@example.com")
    for path in ("/admin?period=90d", "/admin?period=12m", "/admin/modules"):
        page = api.client.get(path)
        assert page.status_code == 200
        assert len(page.content) < 200_000, path
    css, script = api.client.get("/static/tessera.css"), api.client.get("/static/tessera.js")
    assert (css.status_code, script.status_code) == (200, 200)


def test_the_chart_plots_orders_and_net_revenue(api: Api, world: dict) -> None:
    sign_in(api.client, "owner@acme.test")
    page = api.client.get("/dashboard", params={"period": "7d"}).text
    assert page.count('<figure class="chart"><svg') == 2
    assert "Orders per day" in page
    assert "Net revenue per day (EUR)" in page
    assert "Net revenue per week (EUR)" in api.client.get("/dashboard", params={"period": "90d"}).text
    assert "Orders per month" in api.client.get("/dashboard", params={"period": "12m"}).text


def test_the_dashboard_and_its_series_download_as_csv(api: Api, world: dict) -> None:
    sign_in(api.client, "owner@acme.test")
    page = api.client.get("/dashboard", params={"period": "7d"}).text
    assert 'href="/dashboard/export.csv?period=7d"' in page
    export = api.client.get("/dashboard/export.csv", params={"period": "7d"})
    assert export.status_code == 200
    assert export.headers["content-type"].startswith("text/csv")
    assert export.headers["content-disposition"] == 'attachment; filename="acme-2026-06-09-2026-06-15.csv"'
    rows = export.text.splitlines()
    assert rows[0] == "category,key,label,value,unit,currency,trend,trend_value"
    assert "orders,orders.period_revenue,Revenue in period,37.50,money,EUR,up," in rows
    series = api.client.get("/dashboard/series.csv", params={"period": "7d"}).text.splitlines()
    assert series[0] == "key,label,date_from,date_to,value,unit,currency"
    orders = [row.split(",") for row in series[1:] if row.startswith("orders.period_orders,")]
    assert len(orders) == 7
    assert sum(int(row[4]) for row in orders) == 2


def test_a_platform_export_names_the_platform(api: Api, world: dict) -> None:
    sign_in(api.client, "root@example.com")
    export = api.client.get("/admin/export.csv", params={"platform_id": world["eu"], "period": "30d"})
    assert export.status_code == 200
    assert export.headers["content-disposition"].startswith('attachment; filename="eu-')
    refused = api.client.get("/admin/export.csv", params={"platform_id": 99})
    assert refused.status_code == 404
