"""Customers' figures through the real API on both databases: every number is worked out by hand
from the customers of `conftest.py` (acme 6, bolt 4, crux 1)."""

from __future__ import annotations

from datetime import date

import pytest

from kernel.context import MetricsContext
from tests.api import Api, figures, trends
from tests.statements import both_dashboards

VENDOR = "/api/v1/vendor/dashboard/stats"
ADMIN = "/api/v1/admin/dashboard/stats"


def test_vendor_figures_count_the_window_to_the_second(api: Api, world: dict) -> None:
    dashboard = api.stats(VENDOR, world["acme_owner"], include_trends="true")
    assert figures(dashboard, "customers") == {
        "customers.total": 6,
        "customers.new_in_period": 2,  # now-first (05-17 00:00:00) and shared (06-15)
    }
    assert trends(dashboard, "customers") == {
        "customers.total": (None, None),
        "customers.new_in_period": ("stable", 0.0),  # prev-first and prev-last: 2 against 2
    }
    metric = dashboard["categories"]["customers"][1]
    assert (metric["unit"], metric["category"], metric["label"]) == ("count", "customers", "New customers")


def test_a_rise_from_nothing_has_no_percentage(api: Api, world: dict) -> None:
    bolt = api.stats(VENDOR, world["bolt_owner"], include_trends="true")
    assert figures(bolt, "customers") == {"customers.total": 4, "customers.new_in_period": 4}
    assert trends(bolt, "customers")["customers.new_in_period"] == ("up", None)  # 4 against 0


@pytest.mark.parametrize(
    ("params", "new"),
    [
        ({"period": "7d"}, 1),  # 06-09..06-15: shared
        ({"date_from": "2026-04-17", "date_to": "2026-05-16"}, 2),  # prev-first, prev-last
        ({"date_to": "2026-05-16", "period": "1d"}, 1),  # prev-last at 23:59:59
        ({"date_to": "2026-04-16", "period": "1d"}, 1),  # before at 23:59:59
        ({"date_from": "2026-05-17", "date_to": "2026-05-17"}, 1),  # now-first at 00:00:00
        ({"period": "1y"}, 6),
    ],
)
def test_period_windows(api: Api, world: dict, params: dict, new: int) -> None:
    numbers = figures(api.stats(VENDOR, world["acme_owner"], **params), "customers")
    assert numbers == {"customers.total": 6, "customers.new_in_period": new}


def test_platform_figures_count_only_vendors_active_on_the_platform(api: Api, world: dict) -> None:
    main = api.stats(ADMIN, world["root"], platform_id=world["main"], include_trends="true")
    assert figures(main, "customers") == {
        "customers.total": 10,  # acme 6 + bolt 4
        "customers.new_in_period": 6,  # acme 2 + bolt 4
    }
    assert trends(main, "customers")["customers.new_in_period"] == ("up", 200.0)  # 6 against acme's 2
    eu = api.stats(ADMIN, world["root"], platform_id=world["eu"], include_trends="true")
    assert figures(eu, "customers") == {"customers.total": 5, "customers.new_in_period": 4}  # bolt + crux
    assert trends(eu, "customers")["customers.new_in_period"] == ("up", 300.0)  # 4 against crux's 1
    own = api.stats(ADMIN, world["main_admin"])
    assert figures(own, "customers") == figures(main, "customers")

    # bolt leaves main and crux is switched off: their customers stop counting there
    left = api.client.delete(
        f"/api/v1/admin/platforms/{world['main']}/vendors/{world['bolt']}", headers=world["root"]
    )
    assert left.status_code == 200
    off = api.client.patch(
        f"/api/v1/admin/vendors/{world['crux']}", json={"is_active": False}, headers=world["root"]
    )
    assert off.status_code == 200
    main_after = figures(api.stats(ADMIN, world["root"], platform_id=world["main"]), "customers")
    assert main_after == {"customers.total": 6, "customers.new_in_period": 2}  # acme only
    eu_after = figures(api.stats(ADMIN, world["root"], platform_id=world["eu"]), "customers")
    assert eu_after == {"customers.total": 4, "customers.new_in_period": 4}  # bolt only


def test_a_new_customer_counts_at_once(api: Api, world: dict) -> None:
    api.post("/api/v1/vendor/customers", world["crux_owner"], email="new@example.com")
    numbers = figures(api.stats(VENDOR, world["crux_owner"]), "customers")
    assert numbers == {"customers.total": 2, "customers.new_in_period": 1}  # c@ was on 05-01


def test_each_dashboard_costs_one_statement(api: Api, world: dict) -> None:
    context = MetricsContext(date_from=date(2026, 5, 17), date_to=date(2026, 6, 15), include_trends=True)
    statements, vendor, platform = both_dashboards(api, "customers", world["acme"], world["main"], context)
    assert len(statements) == 2
    assert [(m.key, m.value, m.trend) for m in vendor] == [
        ("customers.total", 6, None),
        ("customers.new_in_period", 2, "stable"),
    ]
    assert [m.value for m in platform] == [10, 6]
