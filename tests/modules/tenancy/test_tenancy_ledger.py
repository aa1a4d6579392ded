"""Tenancy's figures from the ledger on both databases: exact after each kind of tenancy change, equal
to the raw tables at every step (`fast_equals_raw`), and unchanged by a rebuild.

The story: platforms main and eu; vendor old joined main on 2026-04-20 (the previous 30-day
window), acme (main) and bolt (main, eu) on 2026-06-01 (this window). Today is 2026-06-15 12:00 UTC.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from adapters.container import Container
from adapters.ledger import fold_ledger
from kernel.context import MetricsContext
from kernel.identity import SYSTEM, Role
from modules.tenancy.models import User
from modules.tenancy.schemas import (
    DomainCreate,
    PlatformCreate,
    PlatformUpdate,
    UserCreate,
    VendorCreate,
    VendorUpdate,
)
from tests.fakes.clock import FrozenClock
from tests.ledger import fast_equals_raw, ledger_rows

TODAY = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
WINDOW = MetricsContext(date(2026, 5, 17), date(2026, 6, 15), "30d", include_trends=True)
PLATFORM = (
    "vendors_total",
    "vendors_active",
    "vendors_verified",
    "users_total",
    "users_active",
    "custom_domains",
    "new_vendors",
)


@pytest.fixture
def world(container: Container, clock: FrozenClock) -> dict[str, int]:
    tenancy = container.tenancy
    ids = {
        slug: tenancy.platform_service().create(SYSTEM, PlatformCreate(slug=slug, name=slug.title())).id
        for slug in ("main", "eu")
    }
    for when, slug, on in (
        (datetime(2026, 4, 20, 23, 30, tzinfo=UTC), "old", ["main"]),
        (datetime(2026, 6, 1, 0, 0, tzinfo=UTC), "acme", ["main"]),
        (datetime(2026, 6, 1, 9, 0, tzinfo=UTC), "bolt", ["main", "eu"]),
    ):
        clock.set(when)
        data = VendorCreate(slug=slug, name=slug.title(), platform_ids=[ids[p] for p in on])
        ids[slug] = tenancy.vendor_service().create(SYSTEM, data).id
    clock.set(TODAY)
    return ids


def _platform(container: Container, platform_id: int) -> tuple[object, ...]:
    found = {m.key: m.value for m in fast_equals_raw(container, "tenancy", "platform", platform_id, WINDOW)}
    return tuple(found[f"tenancy.{name}"] for name in PLATFORM)


def _vendor(container: Container, vendor_id: int) -> tuple[object, object]:
    found = {m.key: m.value for m in fast_equals_raw(container, "tenancy", "vendor", vendor_id, WINDOW)}
    return found["tenancy.team_members"], found["tenancy.custom_domains"]


def test_each_kind_of_tenancy_change_counts_exactly(
    container: Container, clock: FrozenClock, world: dict[str, int]
) -> None:
    vendors, users = container.tenancy.vendor_service(), container.tenancy.user_service()
    main, eu = world["main"], world["eu"]

    def platforms() -> tuple[tuple[object, ...], tuple[object, ...]]:
        return _platform(container, main), _platform(container, eu)

    assert platforms() == ((3, 3, 0, 0, 0, 0, 2), (1, 1, 0, 0, 0, 0, 1))
    trend = fast_equals_raw(container, "tenancy", "platform", main, WINDOW)[-1]
    assert (trend.trend, trend.trend_value) == ("up", 100.0)  # 2 this window against old's 1

    def user(email: str, role: Role, **tenant: int) -> None:
        users.create(SYSTEM, UserCreate(email=email, password="long enough", role=role, **tenant))

    user("admin@main.test", Role.PLATFORM_ADMIN, platform_id=main)
    user("owner@acme.test", Role.VENDOR_OWNER, vendor_id=world["acme"])
    user("staff@bolt.test", Role.VENDOR_MEMBER, vendor_id=world["bolt"])  # counts on main and on eu
    user("root2@x.test", Role.SUPER_ADMIN)  # on no platform
    assert platforms() == ((3, 3, 0, 3, 3, 0, 2), (1, 1, 0, 1, 1, 0, 1))
    assert (_vendor(container, world["acme"]), _vendor(container, world["bolt"])) == ((1, 0), (1, 0))

    vendors.add_domain(SYSTEM, world["acme"], DomainCreate(domain="shop.acme.example"))
    vendors.add_domain(SYSTEM, world["bolt"], DomainCreate(domain="shop.bolt.example"))
    vendors.update(SYSTEM, world["acme"], VendorUpdate(is_verified=True))
    assert platforms() == ((3, 3, 1, 3, 3, 2, 2), (1, 1, 0, 1, 1, 1, 1))

    vendors.detach(SYSTEM, main, world["bolt"])  # still joined once: its users and its joining stay
    vendors.update(SYSTEM, world["acme"], VendorUpdate(is_active=False, name="Acme Ltd"))
    assert platforms() == ((3, 1, 1, 3, 3, 0, 2), (1, 1, 0, 1, 1, 1, 1))
    assert _vendor(container, world["acme"]) == (1, 1)  # a vendor's own figures stay its own

    clock.set(datetime(2026, 5, 2, tzinfo=UTC))  # before this window: not new in it
    crux = vendors.create(SYSTEM, VendorCreate(slug="crux", name="Crux", platform_ids=[])).id
    user("owner@crux.test", Role.VENDOR_OWNER, vendor_id=crux)
    clock.set(datetime(2026, 6, 10, tzinfo=UTC))
    vendors.attach(SYSTEM, eu, crux)  # brings its user along
    clock.set(TODAY)
    assert platforms() == ((3, 1, 1, 3, 3, 0, 2), (2, 2, 0, 2, 2, 1, 2))

    vendors.update(SYSTEM, world["acme"], VendorUpdate(is_active=True))
    vendors.attach(SYSTEM, main, world["bolt"])  # back: the same membership, joined on 2026-06-01
    vendors.update(SYSTEM, world["acme"], VendorUpdate(is_verified=False))
    assert platforms() == ((3, 3, 0, 3, 3, 2, 2), (2, 2, 0, 2, 2, 1, 2))

    kept = ledger_rows(container, "tenancy.")
    with container.session_factory()() as session, session.begin():
        container.ledger().rebuild(session, container.all_ledger_sources())
    assert ledger_rows(container, "tenancy.") == kept


def test_a_user_of_a_platform_and_of_its_vendor_counts_once(
    container: Container, world: dict[str, int]
) -> None:
    """The API never makes a user both a platform's admin and a vendor's, but the figure is "users of
    the platform or of its vendors": such a user, loaded in bulk, is one user on that platform, and
    its vendor joining the platform later adds no one."""
    vendors = container.tenancy.vendor_service()
    dune = vendors.create(SYSTEM, VendorCreate(slug="dune", name="Dune", platform_ids=[])).id
    with container.session_factory()() as session, session.begin():
        both = {"platform_id": world["eu"], "vendor_id": dune, "is_active": False}
        session.add(
            User(email="both@x.test", password_hash="-", role="platform_admin", created_at=TODAY, **both)
        )
    with container.session_factory()() as session, session.begin():
        container.ledger().rebuild(session, container.all_ledger_sources())
    assert _platform(container, world["eu"])[3:5] == (1, 0)
    vendors.attach(SYSTEM, world["eu"], dune)
    vendors.attach(SYSTEM, world["main"], dune)
    assert _platform(container, world["eu"])[:5] == (2, 2, 0, 1, 0)
    assert _platform(container, world["main"])[:5] == (4, 4, 0, 1, 0)


def test_a_vendor_joins_on_its_platforms_local_day(
    container: Container, clock: FrozenClock, world: dict[str, int]
) -> None:
    """old joined main at 23:30 UTC on 20 April, which is the 21st in Kolkata: moving main there
    moves that joining to the 21st, and a vendor joining afterwards lands on Kolkata's day too,
    folded or not, and a rebuild agrees."""
    the_21st = MetricsContext(date(2026, 4, 21), date(2026, 4, 21), "custom")
    main = world["main"]

    def new_on_the_21st() -> object:
        found = fast_equals_raw(container, "tenancy", "platform", main, the_21st)
        return {m.key: m.value for m in found}["tenancy.new_vendors"]

    assert new_on_the_21st() == 0
    container.tenancy.platform_service().update(SYSTEM, main, PlatformUpdate(timezone="Asia/Kolkata"))
    assert new_on_the_21st() == 1
    clock.set(datetime(2026, 4, 20, 20, 0, tzinfo=UTC))  # 01:30 on the 21st in Kolkata
    data = VendorCreate(slug="late", name="Late", platform_ids=[main], timezone="UTC")
    container.tenancy.vendor_service().create(SYSTEM, data)
    clock.set(TODAY)
    assert new_on_the_21st() == 2
    fold_ledger(container)
    assert new_on_the_21st() == 2
    kept = ledger_rows(container, "tenancy.")
    with container.session_factory()() as session, session.begin():
        container.ledger().rebuild(session, container.all_ledger_sources())
    assert ledger_rows(container, "tenancy.") == kept


def test_switching_accounts_off_and_on_counts_exactly(container: Container, world: dict[str, int]) -> None:
    """An account counts in its platforms' active users and, seated, in its vendor's team; switched
    off it counts in neither, switched on again in both; switching to the state it is in counts nothing."""
    users = container.tenancy.user_service()
    main, eu = world["main"], world["eu"]

    def user(email: str, role: Role, **tenant: int) -> int:
        created = users.create(SYSTEM, UserCreate(email=email, password="long enough", role=role, **tenant))
        return int(created.id)

    admin = user("admin@main.test", Role.PLATFORM_ADMIN, platform_id=main)
    staff = user("staff@bolt.test", Role.VENDOR_MEMBER, vendor_id=world["bolt"])  # on main and eu
    user("owner@bolt.test", Role.VENDOR_OWNER, vendor_id=world["bolt"])

    def counts() -> tuple[object, ...]:
        return (
            *_platform(container, main)[3:5],
            *_platform(container, eu)[3:5],
            _vendor(container, world["bolt"])[0],
        )

    assert counts() == (3, 3, 2, 2, 2)
    assert users.set_active(SYSTEM, staff, False).is_active is False
    assert counts() == (3, 2, 2, 1, 1)
    users.set_active(SYSTEM, staff, False)
    users.set_active(SYSTEM, admin, False)
    assert counts() == (3, 1, 2, 1, 1)
    users.set_active(SYSTEM, staff, True)
    assert counts() == (3, 2, 2, 2, 2)

    kept = ledger_rows(container, "tenancy.")
    with container.session_factory()() as session, session.begin():
        container.ledger().rebuild(session, container.all_ledger_sources())
    assert ledger_rows(container, "tenancy.") == kept
