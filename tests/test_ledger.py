"""Tenancy's ledger, with orders writing to it, on both databases: it follows vendors onto
and off platforms, equals what the raw tables say after every step, survives a rebuild unchanged,
and loses nothing when orders and membership changes race (PostgreSQL, where they really run side
by side). It lives beside the other cross-module tests, not in tenancy's folder, because tenancy's
own tests must pass with every optional module taken away.

Orders are the figures used here; each module's own ledger tests cover its keys.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, date, datetime
from functools import partial
from typing import Any

import pytest

from adapters.container import Container
from kernel.context import MetricsContext, Scope
from kernel.identity import SYSTEM
from modules.orders.schemas import OrderCreate
from modules.tenancy.schemas import PlatformCreate, VendorCreate, VendorUpdate
from tests.fakes.clock import FrozenClock
from tests.ledger import fast_equals_raw, fast_equals_raw_everywhere, ledger_tables
from tests.races import run_together

TODAY = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
WINDOWS = [
    MetricsContext(date(2026, 5, 17), date(2026, 6, 15), "30d", include_trends=True),
    MetricsContext(date(2026, 6, 9), date(2026, 6, 15), "7d", include_trends=True),
    MetricsContext(date(2026, 1, 1), date(2026, 3, 31), "custom"),
]


def _platform(container: Container, slug: str) -> int:
    created = container.tenancy.platform_service().create(
        SYSTEM, PlatformCreate(slug=slug, name=slug.title(), domain=f"{slug}.test")
    )
    return int(created.id)


def _vendor(container: Container, slug: str, platform_ids: list[int]) -> int:
    created = container.tenancy.vendor_service().create(
        SYSTEM, VendorCreate(slug=slug, name=slug.title(), platform_ids=platform_ids)
    )
    return int(created.id)


def _order(
    container: Container, clock: FrozenClock, vendor_id: int, when: datetime, cents: int, **kw: Any
) -> None:
    clock.set(when)
    container.orders.order_service().create(vendor_id, OrderCreate(total_cents=cents, **kw))


def _figures(container: Container, scope: Scope, owner: int) -> dict[str, Any]:
    return {
        metric.key: metric.value for metric in fast_equals_raw(container, "orders", scope, owner, WINDOWS[0])
    }


def _assert_ledger_is_the_raw_tables(container: Container, vendors: list[int], platforms: list[int]) -> None:
    fast_equals_raw_everywhere(container, "orders", vendors, platforms, WINDOWS)


@pytest.fixture
def world(container: Container, clock: FrozenClock) -> dict[str, int]:
    """main and eu; acme on main, bolt on both; orders over two months."""
    main, eu = _platform(container, "main"), _platform(container, "eu")
    acme, bolt = _vendor(container, "acme", [main]), _vendor(container, "bolt", [main, eu])
    _order(
        container,
        clock,
        acme,
        datetime(2026, 2, 3, 9, tzinfo=UTC),
        1000,
        status="paid",
        customer_email="a@x.test",
    )
    _order(
        container,
        clock,
        acme,
        datetime(2026, 6, 1, 9, tzinfo=UTC),
        2000,
        status="paid",
        customer_email="a@x.test",
    )
    _order(
        container,
        clock,
        acme,
        datetime(2026, 6, 14, 9, tzinfo=UTC),
        500,
        status="pending",
        customer_email="b@x.test",
    )
    _order(
        container,
        clock,
        bolt,
        datetime(2026, 6, 10, 9, tzinfo=UTC),
        700,
        status="refunded",
        customer_email="b@x.test",
    )
    _order(
        container,
        clock,
        bolt,
        datetime(2026, 6, 12, 9, tzinfo=UTC),
        300,
        status="paid",
        customer_email="a@x.test",
    )
    clock.set(TODAY)
    return {"main": main, "eu": eu, "acme": acme, "bolt": bolt}


def test_platform_figures_follow_memberships_and_vendor_activity(
    container: Container, world: dict[str, int]
) -> None:
    vendors, platforms, service = (
        [world["acme"], world["bolt"]],
        [world["main"], world["eu"]],
        container.tenancy.vendor_service(),
    )
    assert _figures(container, "platform", world["eu"])["orders.total"] == 2  # bolt's

    service.attach(SYSTEM, world["eu"], world["acme"])
    eu = _figures(container, "platform", world["eu"])
    assert (eu["orders.total"], eu["orders.total_revenue"], eu["orders.pending"]) == (
        5,
        3800,
        1,
    )  # pending orders count as revenue; refunded do not
    assert eu["orders.repeat_customers"] == 1  # a@x.test twice at acme; once at bolt does not add one
    _assert_ledger_is_the_raw_tables(container, vendors, platforms)

    service.detach(SYSTEM, world["main"], world["acme"])
    assert _figures(container, "platform", world["main"])["orders.total"] == 2
    service.update(SYSTEM, world["bolt"], VendorUpdate(is_active=False))
    assert _figures(container, "platform", world["main"])["orders.total"] == 0
    assert _figures(container, "platform", world["eu"])["orders.total"] == 3
    assert _figures(container, "vendor", world["bolt"])["orders.total"] == 2  # its own figures stay
    _assert_ledger_is_the_raw_tables(container, vendors, platforms)

    service.update(SYSTEM, world["bolt"], VendorUpdate(is_active=True))
    service.attach(SYSTEM, world["main"], world["acme"])
    assert _figures(container, "platform", world["main"])["orders.total"] == 5
    _assert_ledger_is_the_raw_tables(container, vendors, platforms)


def test_a_rebuild_from_the_raw_tables_changes_nothing(container: Container, world: dict[str, int]) -> None:
    container.tenancy.vendor_service().attach(SYSTEM, world["eu"], world["acme"])
    kept = ledger_tables(container)
    with container.session_factory()() as session, session.begin():
        container.ledger().rebuild(session, container.all_ledger_sources())
    assert ledger_tables(container) == kept
    assert len(kept[1]) > 0


@pytest.mark.postgres
def test_racing_orders_and_membership_changes_lose_nothing(
    container: Container, world: dict[str, int], clock: FrozenClock, make_container: Callable[..., Container]
) -> None:
    if container.engine().dialect.name != "postgresql":
        pytest.skip("SQLite runs one writer at a time: nothing can race")
    # Exactness, not bounds: on a loaded test machine a membership change can hold the vendor's row
    # past the 2 s lock budget, and the order waiting for it would (rightly) give up.
    patient = make_container({"database": {"lock_timeout_ms": 60_000}})
    service, orders = patient.tenancy.vendor_service(), patient.orders.order_service()

    def place(start: int) -> None:
        for n in range(start, start + 40):
            orders.create(
                world["acme"], OrderCreate(total_cents=n, status="paid", customer_email=f"{n % 7}@x.test")
            )

    def toggle() -> None:
        for _ in range(15):
            service.attach(SYSTEM, world["eu"], world["acme"])
            service.detach(SYSTEM, world["eu"], world["acme"])

    run_together(*(partial(place, k * 100) for k in range(3)), toggle)
    service.attach(SYSTEM, world["eu"], world["acme"])
    kept = ledger_tables(container)
    with container.session_factory()() as session, session.begin():
        container.ledger().rebuild(session, container.all_ledger_sources())
    assert ledger_tables(container) == kept
    assert _figures(container, "platform", world["eu"])["orders.total"] == 2 + 3 + 120


@pytest.mark.postgres
def test_a_write_waits_for_its_vendors_membership_change_and_counts_where_it_ends(
    container: Container,
    world: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
    make_container: Callable[..., Container],
) -> None:
    """The race above, made to happen every time: acme joins eu and is held just before its figures
    are copied there. A write of acme's must wait (it takes the vendor's row, shared, which the
    change holds exclusively), then count on eu too; one that did not wait would record for main
    alone while the copy to eu, which cannot see it, left it out of eu for good. (An order would
    wait anyway, for its foreign key to the vendor; this write inserts nothing but its deltas.)"""
    if container.engine().dialect.name != "postgresql":
        pytest.skip("SQLite runs one writer at a time: nothing can race")
    patient = make_container({"database": {"lock_timeout_ms": 60_000}})  # a slow machine waits longer
    ledger, sessions = patient.ledger(), patient.session_factory()
    inside, go, move = threading.Event(), threading.Event(), ledger.move

    def held_move(*args: Any, **kwargs: Any) -> None:
        inside.set()
        assert go.wait(10)
        move(*args, **kwargs)

    def write() -> None:
        with sessions.begin() as db:
            ledger.record(db, world["acme"], {"probe.writes": 1})

    monkeypatch.setattr(ledger, "move", held_move)
    attach = patient.tenancy.vendor_service().attach
    joining = threading.Thread(target=attach, args=(SYSTEM, world["eu"], world["acme"]))
    joining.start()
    assert inside.wait(10)
    writing = threading.Thread(target=write)
    writing.start()
    writing.join(0.5)
    assert writing.is_alive()  # waiting for the vendor's row
    go.set()
    joining.join(10)
    writing.join(10)
    assert not joining.is_alive()
    assert not writing.is_alive()
    with sessions() as db:
        for owner in (("vendor", world["acme"]), ("platform", world["main"]), ("platform", world["eu"])):
            assert ledger.read(db, owner, ["probe.writes"], WINDOWS[0]).total("probe.writes") == 1, owner
