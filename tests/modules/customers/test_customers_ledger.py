"""Customers' figures from the ledger on both databases: equal to the raw table for every vendor and
platform and window, after every membership change, and unchanged by a rebuild.

Customers are recorded through the service on chosen days; vendors sit on several platforms:
acme on main, bolt on main and eu, crux on eu and asia, dune on asia. Today is 2026-06-15 12:00 UTC.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from adapters.container import Container
from kernel.context import MetricsContext, Scope
from kernel.errors import ConflictError
from kernel.identity import SYSTEM
from modules.customers.schemas import CustomerCreate
from modules.tenancy.schemas import PlatformCreate, VendorCreate, VendorUpdate
from tests.fakes.clock import FrozenClock
from tests.ledger import fast_equals_raw, fast_equals_raw_everywhere, ledger_rows

TODAY = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
WINDOWS = [
    MetricsContext(date(2026, 5, 17), date(2026, 6, 15), "30d", include_trends=True),
    MetricsContext(date(2026, 6, 9), date(2026, 6, 15), "7d", include_trends=True),
    MetricsContext(date(2026, 2, 1), date(2026, 4, 30), "custom", include_trends=True),
    MetricsContext(date(2026, 5, 17), date(2026, 6, 15), "30d"),
]
# (vendor, day, hour, emails) in the order they are recorded
CUSTOMERS = [
    ("acme", date(2026, 3, 1), 10, ["old@x.test"]),
    ("acme", date(2026, 5, 16), 23, ["prev-last@x.test"]),
    ("acme", date(2026, 5, 17), 0, ["now-first@x.test", "now-second@x.test"]),
    ("bolt", date(2026, 6, 10), 9, ["shared@x.test", "b1@x.test"]),
    ("crux", date(2026, 4, 20), 9, ["c1@x.test"]),
    ("crux", date(2026, 6, 14), 9, ["shared@x.test"]),  # acme's and bolt's emails are others' customers
    ("dune", date(2026, 6, 15), 11, ["d1@x.test", "d2@x.test", "d3@x.test"]),
    ("acme", date(2026, 6, 15), 11, ["shared@x.test"]),
]


def _customer(container: Container, clock: FrozenClock, vendor_id: int, when: datetime, email: str) -> None:
    clock.set(when)
    container.customers.customer_service().create(vendor_id, CustomerCreate(email=email))


@pytest.fixture
def shops(container: Container, clock: FrozenClock) -> dict[str, int]:
    platforms = {
        slug: container.tenancy.platform_service()
        .create(SYSTEM, PlatformCreate(slug=slug, name=slug.title(), domain=f"{slug}.test"))
        .id
        for slug in ("main", "eu", "asia")
    }
    memberships = {"acme": ["main"], "bolt": ["main", "eu"], "crux": ["eu", "asia"], "dune": ["asia"]}
    vendors = {
        slug: container.tenancy.vendor_service()
        .create(
            SYSTEM,
            VendorCreate(slug=slug, name=slug.title(), platform_ids=[platforms[p] for p in on]),
        )
        .id
        for slug, on in memberships.items()
    }
    for vendor, day, hour, emails in CUSTOMERS:
        for minute, email in enumerate(emails):
            when = datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)
            _customer(container, clock, vendors[vendor], when, email)
    clock.set(TODAY)
    return {**platforms, **vendors}


def _figures(container: Container, scope: Scope, owner: int, context: MetricsContext = WINDOWS[0]) -> Any:
    fast = fast_equals_raw(container, "customers", scope, owner, context)
    return {metric.key: (metric.value, metric.trend, metric.trend_value) for metric in fast}


def _assert_ledger_is_the_raw_table(container: Container, shops: dict[str, int]) -> None:
    vendors = (shops[name] for name in ("acme", "bolt", "crux", "dune"))
    platforms = (shops[name] for name in ("main", "eu", "asia"))
    fast_equals_raw_everywhere(container, "customers", vendors, platforms, WINDOWS)


def test_vendor_and_platform_figures_by_hand(container: Container, shops: dict[str, int]) -> None:
    assert _figures(container, "vendor", shops["acme"]) == {
        "customers.total": (5, None, None),
        "customers.new_in_period": (3, "up", 200.0),  # now-first, now-second, shared; prev-last
    }
    assert _figures(container, "platform", shops["eu"]) == {
        "customers.total": (4, None, None),  # bolt 2 + crux 2
        "customers.new_in_period": (3, "up", 200.0),  # bolt 2 + crux's shared; crux's c1 (04-20)
    }
    seven = _figures(container, "platform", shops["asia"], WINDOWS[1])
    assert seven["customers.new_in_period"] == (4, "up", None)  # crux's shared + dune's three
    custom = _figures(container, "platform", shops["main"], WINDOWS[2])
    assert custom["customers.new_in_period"] == (1, "up", None)  # acme's old (03-01) of 02-01..04-30


def test_ledger_follows_memberships_and_vendor_activity(
    container: Container, shops: dict[str, int], clock: FrozenClock
) -> None:
    _assert_ledger_is_the_raw_table(container, shops)
    service = container.tenancy.vendor_service()
    service.detach(SYSTEM, shops["main"], shops["bolt"])
    assert _figures(container, "platform", shops["main"])["customers.total"] == (5, None, None)
    service.update(SYSTEM, shops["crux"], VendorUpdate(is_active=False))
    assert _figures(container, "platform", shops["eu"])["customers.total"] == (2, None, None)
    assert _figures(container, "platform", shops["asia"])["customers.total"] == (3, None, None)
    assert _figures(container, "vendor", shops["crux"])["customers.total"] == (2, None, None)
    _assert_ledger_is_the_raw_table(container, shops)

    _customer(container, clock, shops["crux"], TODAY, "away@x.test")  # counted on no platform for now
    service.update(SYSTEM, shops["crux"], VendorUpdate(is_active=True))
    service.attach(SYSTEM, shops["main"], shops["bolt"])
    assert _figures(container, "platform", shops["asia"])["customers.total"] == (6, None, None)
    _assert_ledger_is_the_raw_table(container, shops)


def test_a_duplicate_email_counts_nothing(container: Container, shops: dict[str, int]) -> None:
    before = ledger_rows(container)
    with pytest.raises(ConflictError, match="already exists"):
        container.customers.customer_service().create(shops["acme"], CustomerCreate(email="OLD@x.test"))
    assert ledger_rows(container) == before


def test_a_rebuild_from_the_raw_table_changes_nothing(container: Container, shops: dict[str, int]) -> None:
    container.tenancy.vendor_service().detach(SYSTEM, shops["eu"], shops["crux"])
    kept = ledger_rows(container)
    with container.session_factory()() as session, session.begin():
        container.ledger().rebuild(session, container.all_ledger_sources())
    assert ledger_rows(container) == kept
    assert any(isinstance(row[3], date) for row in kept)  # day buckets were compared too
