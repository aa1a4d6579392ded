"""Catalog's figures kept in the ledger, on both databases: after creations, edits of every flag,
price changes, publications and membership changes, the ledger says exactly what the raw products
say, for every vendor and platform and window, and a rebuild from the raw tables changes nothing.

The writes, by day (today is 2026-06-15; the 30-day window starts 2026-05-17, the one before 04-17):

    02-03  A1 active featured             04-20  publish acme: A5 new; A1 new price and title
    05-10  A2 active                      06-01  A3 inactive featured
    06-10  B1 active                      06-12  B2 inactive
    06-13  C1 active featured             06-14  A4 active featured
    06-15  A1 off sale; A2 featured (twice) and repriced; A3 on sale; A4 not featured; B2 featured
           while inactive; B1 off sale and on again; publish bolt: B3, B4 new, B1 repriced

acme is on main, bolt on main and eu, crux on eu.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from adapters.container import Container
from adapters.module_discovery import discover_modules
from contracts.catalog import ProductDraft
from kernel.context import MetricsContext, Scope
from kernel.identity import SYSTEM
from kernel.settings import Settings
from modules.catalog.schemas import ProductCreate, ProductUpdate
from modules.tenancy.schemas import PlatformCreate, VendorCreate, VendorUpdate
from tests.fakes.clock import FrozenClock
from tests.ledger import fast_equals_raw, fast_equals_raw_everywhere, from_ledger, ledger_rows, three_vendors

TODAY = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
WINDOWS = [
    MetricsContext(date(2026, 5, 17), date(2026, 6, 15), "30d", include_trends=True),
    MetricsContext(date(2026, 6, 9), date(2026, 6, 15), "7d", include_trends=True),
    MetricsContext(date(2026, 1, 1), date(2026, 3, 31), "custom", include_trends=True),
    MetricsContext(date(2026, 4, 1), date(2026, 5, 10), "custom"),
]


def _at(month: int, day: int) -> datetime:
    return datetime(2026, month, day, 9, 30, tzinfo=UTC)


def _product(
    container: Container, clock: FrozenClock, vendor_id: int, when: datetime, sku: str, **kw: Any
) -> int:
    clock.set(when)
    body = {"title": f"Product {sku}", "price_cents": 1000, **kw}
    created = container.catalog.product_service().create(vendor_id, ProductCreate(sku=sku, **body))
    return int(created.id)


def _edit(container: Container, vendor_id: int, product_id: int, **changes: Any) -> None:
    container.catalog.product_service().update(vendor_id, product_id, ProductUpdate(**changes))


def _publish(container: Container, vendor_id: int, drafts: list[ProductDraft]) -> None:
    with container.session_factory()() as session, session.begin():
        container.product_publisher().publish(session, vendor_id, drafts)


def _figures(container: Container, scope: Scope, owner: int, context: MetricsContext = WINDOWS[0]) -> Any:
    """The ledger's figures, `{key: value}`, after checking they equal the raw tables' (all metric fields)."""
    return {
        metric.key: metric.value for metric in fast_equals_raw(container, "catalog", scope, owner, context)
    }


def _everywhere(container: Container, world: dict[str, int]) -> None:
    vendors, platforms = (world[name] for name in ("acme", "bolt", "crux")), (world["main"], world["eu"])
    fast_equals_raw_everywhere(container, "catalog", vendors, platforms, WINDOWS)


def _counts(total: int, active: int, featured: int, new: int) -> dict[str, int]:
    return {
        "catalog.products_total": total,
        "catalog.products_active": active,
        "catalog.products_featured": featured,
        "catalog.new_in_period": new,
    }


@pytest.fixture
def world(container: Container, clock: FrozenClock) -> dict[str, int]:
    world = three_vendors(container)
    acme, bolt, crux = world["acme"], world["bolt"], world["crux"]
    a1 = _product(container, clock, acme, _at(2, 3), "A1", is_featured=True)
    clock.set(_at(4, 20))
    _publish(container, acme, [ProductDraft("A5", "Five", 800), ProductDraft("A1", "One, renamed", 1100)])
    a2 = _product(container, clock, acme, _at(5, 10), "A2", price_cents=500)
    a3 = _product(container, clock, acme, _at(6, 1), "A3", is_active=False, is_featured=True)
    b1 = _product(container, clock, bolt, _at(6, 10), "B1", price_cents=300)
    b2 = _product(container, clock, bolt, _at(6, 12), "B2", is_active=False)
    _product(container, clock, crux, _at(6, 13), "C1", is_featured=True)
    a4 = _product(container, clock, acme, _at(6, 14), "A4", is_featured=True)
    clock.set(TODAY)
    for vendor, product, changes in (
        (acme, a1, {"is_active": False}),
        (acme, a2, {"is_featured": True}),
        (acme, a2, {"is_featured": True, "price_cents": 550}),  # featured already: only the price moves
        (acme, a3, {"is_active": True}),
        (acme, a4, {"is_featured": False}),
        (bolt, b2, {"is_featured": True}),  # inactive: not on show, so not counted as featured
        (bolt, b1, {"is_active": False}),
        (bolt, b1, {"is_active": True}),
        (acme, a2, {"title": "Two"}),
    ):
        _edit(container, vendor, product, **changes)
    _publish(
        container,
        bolt,
        [ProductDraft("B3", "Three", 10), ProductDraft("B4", "Four", 20), ProductDraft("B1", "One", 350)],
    )
    return world


def test_the_ledger_follows_every_write_exactly(container: Container, world: dict[str, int]) -> None:
    assert _figures(container, "vendor", world["acme"]) == _counts(5, 4, 2, 2)  # A2..A5 active; A2, A3
    assert _figures(container, "vendor", world["bolt"]) == _counts(4, 3, 0, 4)  # B2 featured but inactive
    assert _figures(container, "vendor", world["crux"]) == _counts(1, 1, 1, 1)
    assert _figures(container, "platform", world["main"]) == _counts(9, 7, 2, 6)
    assert _figures(container, "platform", world["eu"]) == _counts(5, 4, 1, 5)
    custom = _figures(container, "vendor", world["acme"], WINDOWS[2])
    assert custom["catalog.new_in_period"] == 1  # A1, created in February
    _everywhere(container, world)


def test_the_ledger_follows_vendors_off_and_onto_platforms(
    container: Container, world: dict[str, int], clock: FrozenClock
) -> None:
    vendors = container.tenancy.vendor_service()
    vendors.detach(SYSTEM, world["main"], world["bolt"])
    vendors.update(SYSTEM, world["crux"], VendorUpdate(is_active=False))
    _product(container, clock, world["bolt"], TODAY, "B5", is_featured=True)  # counts on eu only
    assert _figures(container, "platform", world["main"]) == _counts(5, 4, 2, 2)  # acme alone
    assert _figures(container, "platform", world["eu"]) == _counts(5, 4, 1, 5)  # bolt alone
    assert _figures(container, "vendor", world["crux"]) == _counts(1, 1, 1, 1)  # its own figures stay
    _everywhere(container, world)

    vendors.attach(SYSTEM, world["main"], world["bolt"])
    vendors.update(SYSTEM, world["crux"], VendorUpdate(is_active=True))
    assert _figures(container, "platform", world["main"]) == _counts(10, 8, 3, 7)
    assert _figures(container, "platform", world["eu"]) == _counts(6, 5, 2, 6)
    _everywhere(container, world)


def test_a_rebuild_from_the_raw_tables_changes_nothing(container: Container, world: dict[str, int]) -> None:
    container.tenancy.vendor_service().detach(SYSTEM, world["main"], world["bolt"])
    kept = ledger_rows(container, "catalog.")
    with container.session_factory()() as session, session.begin():
        container.ledger().rebuild(session, container.all_ledger_sources())
    assert ledger_rows(container, "catalog.") == kept
    assert any(row[0] == "p" for row in kept)
    _everywhere(container, world)


def test_trends_of_new_products_come_from_the_day_buckets(
    container: Container, world: dict[str, int]
) -> None:
    metrics = from_ledger(container, "catalog", ("vendor", world["acme"]), WINDOWS[0])
    new = next(metric for metric in metrics if metric.key == "catalog.new_in_period")
    assert (new.value, new.trend, new.trend_value) == (2, "stable", 0.0)  # A3, A4 against A2, A5


def test_catalog_works_and_keeps_its_figures_with_inventory_switched_off(
    make_container: Any, clock: FrozenClock
) -> None:
    """Price changes then have no listener; under the removability matrix the modules may already
    be gone from disk, where naming them in the settings would be an error."""
    installed = discover_modules(Settings())
    off = {code: {"enabled": False} for code in ("marketplace", "inventory") if code in installed}
    container = make_container(settings={"modules": off})
    assert list(container.all_price_listeners()) == []
    main = (
        container.tenancy.platform_service()
        .create(SYSTEM, PlatformCreate(slug="main", name="Main", domain=None))
        .id
    )
    acme = (
        container.tenancy.vendor_service()
        .create(SYSTEM, VendorCreate(slug="acme", name="Acme", platform_ids=[main]))
        .id
    )
    mug = _product(container, clock, acme, TODAY, "MUG", price_cents=1299, is_featured=True)
    _edit(container, acme, mug, price_cents=1499)
    _publish(container, acme, [ProductDraft("MUG", "Mug", 999), ProductDraft("CUP", "Cup", 499)])
    products = container.catalog.product_service().list(
        acme, is_active=None, is_featured=None, limit=10, offset=0
    )
    assert {product.sku: product.price_cents for product in products.items} == {"MUG": 999, "CUP": 499}
    assert _figures(container, "vendor", acme) == _counts(2, 2, 1, 2)
    assert _figures(container, "platform", main) == _counts(2, 2, 1, 2)
