"""CMS figures through the real API on both databases, worked out by hand from `conftest.py`."""

from __future__ import annotations

from datetime import date

import pytest

from kernel.context import MetricsContext
from tests.api import Api, figures, trends
from tests.statements import both_dashboards

VENDOR = "/api/v1/vendor/dashboard/stats"
ADMIN = "/api/v1/admin/dashboard/stats"


def test_vendor_figures(api: Api, world: dict) -> None:
    dashboard = api.stats(VENDOR, world["acme_owner"], include_trends="true")
    assert figures(dashboard, "cms") == {
        "cms.pages_total": 7,
        "cms.pages_published": 5,  # old, prev-first, prev-last, now-first, late
        "cms.pages_published_in_period": 2,  # now-first (05-17 00:00:00), late (published 06-10)
        "cms.media_files": 2,
        "cms.media_bytes": 2_345_678,
        "cms.media_size_mb": 2.35,  # 2.345678 MB
        "cms.themes": 2,
    }
    assert trends(dashboard, "cms")["cms.pages_published_in_period"] == ("stable", 0.0)  # 2 against 2
    assert {trends(dashboard, "cms")[key] for key in ("cms.pages_total", "cms.media_bytes")} == {(None, None)}
    units = {metric["key"]: metric["unit"] for metric in dashboard["categories"]["cms"]}
    assert (units["cms.media_size_mb"], units["cms.media_bytes"], units["cms.themes"]) == (
        "MB",
        "bytes",
        "count",
    )


def test_sizes_stay_exact_in_bytes_and_round_in_megabytes(api: Api, world: dict) -> None:
    bolt = figures(api.stats(VENDOR, world["bolt_owner"]), "cms")
    assert (bolt["cms.media_bytes"], bolt["cms.media_size_mb"]) == (999, 0.0)
    crux = figures(api.stats(VENDOR, world["crux_owner"]), "cms")
    assert (crux["cms.media_bytes"], crux["cms.media_size_mb"]) == (5_368_709_120, 5368.71)  # 5 GiB
    assert crux["cms.themes"] == 0


@pytest.mark.parametrize(
    ("params", "published"),
    [
        ({"period": "7d"}, 1),  # 06-09..06-15: late
        ({"date_from": "2026-04-17", "date_to": "2026-05-16"}, 2),  # prev-first, prev-last
        ({"date_to": "2026-05-16", "period": "1d"}, 1),  # prev-last at 23:59:59
        ({"date_to": "2026-04-16", "period": "1d"}, 0),  # the day before prev-first
        ({"date_from": "2026-05-17", "date_to": "2026-05-17"}, 1),  # now-first at 00:00:00
        ({"date_from": "2026-06-05", "date_to": "2026-06-06"}, 0),  # withdrawn was taken back to draft
        ({"period": "1y"}, 5),
    ],
)
def test_pages_published_in_period_follow_the_window(
    api: Api, world: dict, params: dict, published: int
) -> None:
    numbers = figures(api.stats(VENDOR, world["acme_owner"], **params), "cms")
    assert (numbers["cms.pages_published_in_period"], numbers["cms.pages_total"]) == (published, 7)


def test_platform_figures_add_the_platform_pages_to_its_active_vendors(api: Api, world: dict) -> None:
    main = api.stats(ADMIN, world["root"], platform_id=world["main"], include_trends="true")
    assert figures(main, "cms") == {
        "cms.pages_total": 11,  # acme 7 + bolt 2 + main's own 2
        "cms.pages_published": 7,  # 5 + 1 + 1
        "cms.pages_published_in_period": 4,  # 2 + 1 + 1
        "cms.media_files": 3,
        "cms.media_bytes": 2_346_677,  # 2_345_678 + 999
        "cms.media_size_mb": 2.35,
        "cms.themes": 3,
    }
    assert trends(main, "cms")["cms.pages_published_in_period"] == ("up", 100.0)  # 4 against acme's 2
    eu = api.stats(ADMIN, world["root"], platform_id=world["eu"], include_trends="true")
    assert figures(eu, "cms") == {
        "cms.pages_total": 4,  # bolt 2 + crux 1 + eu's own 1
        "cms.pages_published": 3,
        "cms.pages_published_in_period": 1,  # bolt's about
        "cms.media_files": 2,
        "cms.media_bytes": 5_368_710_119,  # 999 + 5 GiB
        "cms.media_size_mb": 5368.71,
        "cms.themes": 1,
    }
    assert trends(eu, "cms")["cms.pages_published_in_period"] == ("down", -50.0)  # 1 against crux + eu terms
    assert figures(api.stats(ADMIN, world["main_admin"]), "cms") == figures(main, "cms")


def test_vendors_that_leave_or_are_switched_off_stop_counting(api: Api, world: dict) -> None:
    root = world["root"]
    left = api.client.delete(f"/api/v1/admin/platforms/{world['main']}/vendors/{world['bolt']}", headers=root)
    assert left.status_code == 200
    off = api.client.patch(f"/api/v1/admin/vendors/{world['crux']}", json={"is_active": False}, headers=root)
    assert off.status_code == 200
    main = figures(api.stats(ADMIN, root, platform_id=world["main"]), "cms")
    assert main == {
        "cms.pages_total": 9,  # acme 7 + main's own 2
        "cms.pages_published": 6,
        "cms.pages_published_in_period": 3,
        "cms.media_files": 2,
        "cms.media_bytes": 2_345_678,
        "cms.media_size_mb": 2.35,
        "cms.themes": 2,
    }
    eu = figures(api.stats(ADMIN, root, platform_id=world["eu"]), "cms")
    assert eu == {
        "cms.pages_total": 3,  # bolt 2 + eu's own 1: the platform's pages count whoever is active
        "cms.pages_published": 2,
        "cms.pages_published_in_period": 1,
        "cms.media_files": 1,
        "cms.media_bytes": 999,
        "cms.media_size_mb": 0.0,
        "cms.themes": 1,
    }


def test_a_platform_with_nothing_has_zeros(api: Api, world: dict) -> None:
    empty = api.platform(world["root"], "empty")
    assert set(figures(api.stats(ADMIN, world["root"], platform_id=empty), "cms").values()) == {0}


def test_each_dashboard_costs_one_statement(api: Api, world: dict) -> None:
    context = MetricsContext(date_from=date(2026, 5, 17), date_to=date(2026, 6, 15), include_trends=True)
    statements, vendor, platform = both_dashboards(api, "cms", world["acme"], world["main"], context)
    assert len(statements) == 2
    assert (len(vendor), len(platform)) == (7, 7)
