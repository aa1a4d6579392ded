"""Marketplace's figures through the real API on both databases: every number is worked out by hand.

Today is 2026-06-15 (UTC). The default 30-day window is 2026-05-17..2026-06-15 and the previous
window 2026-04-17..2026-05-16, both days included.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from modules.marketplace.metrics import success_rate
from tests.api import Api, figures, trends
from tests.fakes.clock import FrozenClock
from tests.modules.marketplace.uploads import approve, csv_of, imported

VENDOR = "/api/v1/vendor/dashboard/stats"
ADMIN = "/api/v1/admin/dashboard/stats"
TODAY = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
FAILS = b"sku,title\nA,B\n"  # no price column: the job fails

# (when, file, approve?) per vendor; the comment gives (valid rows, status, awaiting approval)
Upload = tuple[datetime, bytes | str, bool]
ACME: list[Upload] = [
    (datetime(2026, 3, 1, 10, 0), csv_of(3), True),  # 3 valid, completed, approved: 0 awaiting
    (datetime(2026, 5, 16, 23, 59, 59), FAILS, False),  # failed, last second of the previous window
    (datetime(2026, 5, 17, 0, 0, 0), csv_of(2, invalid=1), False),  # first second of this window: 2
    (datetime(2026, 6, 15, 9, 0), csv_of(1), False),  # 1 awaiting
    (datetime(2026, 6, 15, 9, 30), csv_of(0, invalid=2), False),  # completed, every row bad: 0
]
BOLT: list[Upload] = [
    (datetime(2026, 6, 1, 8, 0), FAILS, False),
    (datetime(2026, 6, 2, 8, 0), FAILS, False),
    (datetime(2026, 6, 3, 8, 0), csv_of(4), False),  # 4 awaiting
]
CRUX: list[Upload] = [(datetime(2026, 6, 10, 8, 0), csv_of(2), True)]  # approved: 0 awaiting


@pytest.fixture
def imports(api: Api, world: dict, clock: FrozenClock) -> dict:
    for name, jobs in (("acme", ACME), ("bolt", BOLT), ("crux", CRUX)):
        for when, content, approved in jobs:
            clock.set(when.replace(tzinfo=UTC))
            job = imported(api, world[f"{name}_owner"], content)
            if approved:
                assert approve(api, world[f"{name}_owner"], job["id"]).status_code == 200
    clock.set(TODAY)
    return world


def _numbers(dashboard: dict) -> tuple:
    found = figures(dashboard, "marketplace")
    return tuple(
        found[f"marketplace.{name}"]
        for name in (
            "imports_total",
            "imports_completed",
            "imports_failed",
            "success_rate",
            "staging_awaiting_approval",
            "imports_in_period",
        )
    )


def test_vendor_dashboard(api: Api, imports: dict) -> None:
    dashboard = api.stats(VENDOR, imports["acme_owner"], include_trends="true")
    assert figures(dashboard, "marketplace") == {
        "marketplace.imports_total": 5,
        "marketplace.imports_completed": 4,
        "marketplace.imports_failed": 1,
        "marketplace.success_rate": 80.0,  # 4 of 5 finished
        "marketplace.staging_awaiting_approval": 3,  # 2 + 1; the approved job's rows are published
        "marketplace.imports_in_period": 3,  # 2026-05-17 00:00, and today's two
    }
    assert trends(dashboard, "marketplace")["marketplace.imports_in_period"] == ("up", 200.0)  # 3 against 1
    assert trends(dashboard, "marketplace")["marketplace.imports_total"] == (None, None)
    rate = next(m for m in dashboard["categories"]["marketplace"] if m["key"] == "marketplace.success_rate")
    assert (rate["unit"], rate["trend"]) == ("%", None)


def test_each_vendor_sees_its_own_figures(api: Api, imports: dict) -> None:
    bolt = api.stats(VENDOR, imports["bolt_owner"], include_trends="true")
    assert _numbers(bolt) == (3, 1, 2, 33.3, 4, 3)  # 1 of 3 is 33.33...%
    assert trends(bolt, "marketplace")["marketplace.imports_in_period"] == ("up", None)  # against nothing
    assert _numbers(api.stats(VENDOR, imports["crux_owner"])) == (1, 1, 0, 100.0, 0, 1)


@pytest.mark.parametrize(
    ("params", "in_period"),
    [
        ({"period": "7d"}, 2),  # 2026-06-09..15: today's two
        ({"date_from": "2026-05-16", "date_to": "2026-05-16"}, 1),  # the failed one at 23:59:59
        ({"date_from": "2026-05-17", "date_to": "2026-05-17"}, 1),  # the one at 00:00:00
        ({"date_from": "2026-03-01", "date_to": "2026-03-01"}, 1),
        ({"date_from": "2026-03-02", "date_to": "2026-05-15"}, 0),
    ],
)
def test_period_windows_include_both_boundaries(
    api: Api, imports: dict, params: dict, in_period: int
) -> None:
    numbers = _numbers(api.stats(VENDOR, imports["acme_owner"], **params))
    assert numbers == (5, 4, 1, 80.0, 3, in_period)  # all-time figures ignore the window


def test_platform_dashboard_counts_only_vendors_active_on_it(api: Api, imports: dict) -> None:
    main = api.stats(ADMIN, imports["root"], platform_id=imports["main"], include_trends="true")
    assert _numbers(main) == (8, 5, 3, 62.5, 7, 6)  # acme + bolt; 5 of 8 finished completed
    assert trends(main, "marketplace")["marketplace.imports_in_period"] == ("up", 500.0)  # 6 against 1
    eu = api.stats(ADMIN, imports["root"], platform_id=imports["eu"])
    assert _numbers(eu) == (4, 2, 2, 50.0, 4, 4)  # bolt + crux

    response = api.client.delete(
        f"/api/v1/admin/platforms/{imports['main']}/vendors/{imports['bolt']}", headers=imports["root"]
    )
    assert response.status_code == 200
    response = api.client.patch(
        f"/api/v1/admin/vendors/{imports['crux']}", json={"is_active": False}, headers=imports["root"]
    )
    assert response.status_code == 200
    assert _numbers(api.stats(ADMIN, imports["root"], platform_id=imports["main"])) == (5, 4, 1, 80.0, 3, 3)
    assert _numbers(api.stats(ADMIN, imports["root"], platform_id=imports["eu"])) == (3, 1, 2, 33.3, 4, 3)


def test_a_platform_without_imports_shows_zeros(api: Api, imports: dict) -> None:
    empty = api.platform(imports["root"], "void")
    assert _numbers(api.stats(ADMIN, imports["root"], platform_id=empty)) == (0, 0, 0, 0.0, 0, 0)


def test_a_new_upload_counts_at_once_and_an_approval_empties_the_queue(api: Api, imports: dict) -> None:
    job = imported(api, imports["bolt_owner"], csv_of(5))
    assert _numbers(api.stats(VENDOR, imports["bolt_owner"])) == (4, 2, 2, 50.0, 9, 4)
    assert approve(api, imports["bolt_owner"], job["id"]).status_code == 200
    assert _numbers(api.stats(VENDOR, imports["bolt_owner"])) == (4, 2, 2, 50.0, 4, 4)


@pytest.mark.parametrize(
    ("completed", "failed", "rate"),
    [
        (0, 0, 0.0),
        (0, 3, 0.0),
        (1, 0, 100.0),
        (2, 1, 66.7),
        (1, 2, 33.3),
        (1, 7, 12.5),
        (1, 15, 6.3),
        (5, 3, 62.5),
    ],
)
def test_success_rate_rounds_half_up_to_one_decimal(completed: int, failed: int, rate: float) -> None:
    assert success_rate(completed, failed) == rate  # 1 of 16 is 6.25: half up to 6.3
