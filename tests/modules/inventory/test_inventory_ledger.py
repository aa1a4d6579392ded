"""Inventory's figures kept in the ledger, on both databases: stock created and adjusted across the
reorder threshold both ways and down to zero, products with two locations, and prices changed by an
edit or by a publication move exactly the figures they should; for every vendor and platform and
window the ledger says what the raw tables say, and a rebuild from them changes nothing.

acme is on main, bolt on main and eu, crux on eu. Stock has no day: the window never matters.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import partial
from typing import Any

import pytest

from adapters.container import Container
from contracts.catalog import ProductDraft
from kernel.context import MetricsContext, Scope
from kernel.errors import ConflictError
from kernel.identity import SYSTEM
from modules.catalog.schemas import ProductCreate, ProductUpdate
from modules.inventory.schemas import StockAdjust, StockCreate
from modules.tenancy.schemas import VendorUpdate
from tests.fakes.clock import FrozenClock
from tests.ledger import fast_equals_raw, fast_equals_raw_everywhere, ledger_rows, three_vendors
from tests.races import run_together

WINDOWS = [
    MetricsContext(date(2026, 5, 17), date(2026, 6, 15), "30d", include_trends=True),
    MetricsContext(date(2026, 6, 9), date(2026, 6, 15), "7d", include_trends=True),
    MetricsContext(date(2025, 1, 1), date(2025, 3, 31), "custom", include_trends=True),
]


def _figures(container: Container, scope: Scope, owner: int, context: MetricsContext = WINDOWS[0]) -> Any:
    """`(units, low, out, value)` from the ledger, after checking the ledger equals the raw tables."""
    return tuple(metric.value for metric in fast_equals_raw(container, "inventory", scope, owner, context))


def _everywhere(container: Container, world: dict[str, int]) -> None:
    vendors, platforms = (world[name] for name in ("acme", "bolt", "crux")), (world["main"], world["eu"])
    fast_equals_raw_everywhere(container, "inventory", vendors, platforms, WINDOWS)


class Shop:
    """Writes through the modules' own services, as the routes make them."""

    def __init__(self, container: Container) -> None:
        self.container = container

    def product(self, vendor_id: int, sku: str, price_cents: int) -> int:
        body = ProductCreate(sku=sku, title=f"Product {sku}", price_cents=price_cents)
        return int(self.container.catalog.product_service().create(vendor_id, body).id)

    def stock(
        self, vendor_id: int, product_id: int, quantity: int, threshold: int, location: str = "main"
    ) -> int:
        body = StockCreate(
            product_id=product_id, location=location, quantity=quantity, reorder_threshold=threshold
        )
        return int(self.container.inventory.stock_service().create(vendor_id, body).id)

    def adjust(self, vendor_id: int, stock_id: int, delta: int, threshold: int | None = None) -> None:
        body = StockAdjust(delta=delta, reorder_threshold=threshold)
        self.container.inventory.stock_service().adjust(vendor_id, stock_id, body)

    def price(self, vendor_id: int, product_id: int, price_cents: int) -> None:
        self.container.catalog.product_service().update(
            vendor_id, product_id, ProductUpdate(price_cents=price_cents)
        )

    def publish(self, vendor_id: int, drafts: list[ProductDraft]) -> None:
        """As marketplace's approval calls it: in the caller's transaction, which commits."""
        with self.container.session_factory()() as session, session.begin():
            self.container.product_publisher().publish(session, vendor_id, drafts)


@pytest.fixture
def shop(container: Container) -> Shop:
    return Shop(container)


@pytest.fixture
def world(container: Container) -> dict[str, int]:
    return three_vendors(container)


def test_adjustments_cross_the_threshold_both_ways_and_reach_zero(
    container: Container, world: dict[str, int], shop: Shop
) -> None:
    acme = world["acme"]
    lamp = shop.product(acme, "LAMP", 250)
    stock = shop.stock(acme, lamp, 10, threshold=5)
    steps: list[tuple[int, int | None, tuple[int, int, int, int]]] = [
        (-6, None, (4, 1, 0, 1000)),  # 4 <= 5: low
        (3, None, (7, 0, 0, 1750)),  # 7 > 5: no longer low
        (-7, None, (0, 0, 1, 0)),  # out, and out is not low
        (2, None, (2, 1, 0, 500)),  # back in, low
        (0, 1, (2, 0, 0, 500)),  # the threshold alone moves it: 2 > 1
        (0, 2, (2, 1, 0, 500)),  # 2 <= 2: low again
    ]
    for delta, threshold, expected in steps:
        shop.adjust(acme, stock, delta, threshold)
        assert _figures(container, "vendor", acme) == expected, (delta, threshold)
        assert _figures(container, "platform", world["main"]) == expected
    with pytest.raises(ConflictError):
        shop.adjust(acme, stock, -3, threshold=9)  # refused: changes nothing
    assert _figures(container, "vendor", acme) == (2, 1, 0, 500)


def test_a_product_counts_once_over_its_two_locations(
    container: Container, world: dict[str, int], shop: Shop
) -> None:
    acme = world["acme"]
    mug = shop.product(acme, "MUG", 100)
    main = shop.stock(acme, mug, 3, threshold=2)
    assert _figures(container, "vendor", acme) == (3, 0, 0, 300)  # 3 > 2
    store = shop.stock(acme, mug, 0, threshold=2, location="store-2")
    assert _figures(container, "vendor", acme) == (3, 1, 0, 300)  # 3 <= 2 + 2: one low product
    shop.adjust(acme, main, -3)
    assert _figures(container, "vendor", acme) == (0, 0, 1, 0)  # out only when both are empty
    shop.adjust(acme, store, 5)
    assert _figures(container, "vendor", acme) == (5, 0, 0, 500)  # 5 > 4

    cup = shop.product(acme, "CUP", 7)
    shop.stock(acme, cup, 0, threshold=0)
    assert _figures(container, "vendor", acme) == (5, 0, 1, 500)
    shop.stock(acme, cup, 4, threshold=0, location="store-2")  # a new location ends "out"
    assert _figures(container, "vendor", acme) == (9, 0, 0, 528)


def test_an_edited_price_moves_the_stock_value_exactly(
    container: Container, world: dict[str, int], shop: Shop
) -> None:
    bolt = world["bolt"]
    tent = shop.product(bolt, "TENT", 250)
    shop.stock(bolt, tent, 3, threshold=0)
    shop.stock(bolt, tent, 4, threshold=0, location="store-2")
    bare = shop.product(bolt, "BARE", 999)  # no stock: its price is worth nothing here
    assert _figures(container, "vendor", bolt) == (7, 0, 0, 1750)
    shop.price(bolt, tent, 1_000_000_000)
    shop.price(bolt, bare, 1)
    expected = (7, 0, 0, 7_000_000_000)
    owners: list[tuple[Scope, int]] = [
        ("vendor", bolt),
        ("platform", world["main"]),
        ("platform", world["eu"]),
    ]
    for scope, owner in owners:
        assert _figures(container, scope, owner) == expected
    shop.price(bolt, tent, 1_000_000_000)  # the same price again: nothing moves
    shop.price(bolt, tent, 3)
    assert _figures(container, "vendor", bolt) == (7, 0, 0, 21)


def test_a_publication_moves_the_stock_value_of_the_products_it_reprices(
    container: Container, world: dict[str, int], shop: Shop
) -> None:
    acme, crux = world["acme"], world["crux"]
    tent, mat = shop.product(acme, "TENT", 25000), shop.product(acme, "MAT", 3500)
    shop.stock(acme, tent, 2, threshold=1)
    shop.stock(acme, mat, 5, threshold=0)
    shop.stock(acme, mat, 1, threshold=0, location="store-2")
    other = shop.product(crux, "TENT", 100)
    shop.stock(crux, other, 9, threshold=0)
    assert _figures(container, "vendor", acme) == (8, 0, 0, 71000)  # 2*25000 + 6*3500
    shop.publish(
        acme,
        [
            ProductDraft("TENT", "Tent", 24000),  # 2 units: -2000
            ProductDraft("MAT", "Mat", 3500),  # same price: nothing
            ProductDraft("PEG", "Peg", 50),  # new, not stocked
        ],
    )
    assert _figures(container, "vendor", acme) == (8, 0, 0, 69000)
    assert _figures(container, "platform", world["main"]) == (8, 0, 0, 69000)
    assert _figures(container, "vendor", crux) == (9, 0, 0, 900)  # crux's TENT is another product
    shop.publish(acme, [ProductDraft("MAT", "Mat", 4000), ProductDraft("TENT", "Tent", 24001)])
    assert _figures(container, "vendor", acme) == (8, 0, 0, 72002)  # 2*24001 + 6*4000


def test_the_ledger_follows_every_write_and_every_membership(
    container: Container, world: dict[str, int], shop: Shop, clock: FrozenClock
) -> None:
    acme, bolt, crux = world["acme"], world["bolt"], world["crux"]
    clock.set(datetime(2026, 3, 2, 8, tzinfo=UTC))
    a1, a2 = shop.product(acme, "A1", 250), shop.product(acme, "A2", 1000)
    b1, c1 = shop.product(bolt, "B1", 300), shop.product(crux, "C1", 10)
    a1_main = shop.stock(acme, a1, 10, threshold=5)
    shop.stock(acme, a1, 0, threshold=3, location="store-2")
    a2_main = shop.stock(acme, a2, 2, threshold=3)
    b1_main = shop.stock(bolt, b1, 5, threshold=5)
    c1_main = shop.stock(crux, c1, 0, threshold=0)
    clock.set(datetime(2026, 6, 15, 12, tzinfo=UTC))
    shop.adjust(acme, a1_main, -10)
    shop.adjust(acme, a2_main, 10, threshold=20)
    shop.price(acme, a2, 1100)
    shop.adjust(crux, c1_main, 40)
    shop.publish(bolt, [ProductDraft("B1", "One", 310), ProductDraft("B2", "Two", 5)])
    assert _figures(container, "platform", world["main"]) == (17, 2, 1, 14750)  # 12*1100 + 5*310
    assert _figures(container, "platform", world["eu"]) == (45, 1, 0, 1950)

    vendors = container.tenancy.vendor_service()
    vendors.detach(SYSTEM, world["main"], bolt)
    vendors.update(SYSTEM, crux, VendorUpdate(is_active=False))
    shop.adjust(bolt, b1_main, -5)  # while bolt is off main: counts on eu only
    assert _figures(container, "platform", world["main"]) == (12, 1, 1, 13200)
    assert _figures(container, "platform", world["eu"]) == (0, 0, 1, 0)
    assert _figures(container, "vendor", crux) == (40, 0, 0, 400)
    _everywhere(container, world)

    vendors.attach(SYSTEM, world["main"], bolt)
    vendors.update(SYSTEM, crux, VendorUpdate(is_active=True))
    assert _figures(container, "platform", world["main"]) == (12, 1, 2, 13200)
    _everywhere(container, world)
    kept = ledger_rows(container, "inventory.")
    with container.session_factory()() as session, session.begin():
        container.ledger().rebuild(session, container.all_ledger_sources())
    assert ledger_rows(container, "inventory.") == kept
    assert any(row[0] == "p" for row in kept)
    _everywhere(container, world)


@pytest.mark.postgres
def test_racing_stock_writes_and_price_changes_lose_nothing(
    container: Container, world: dict[str, int], shop: Shop
) -> None:
    """Stock rows made at once for a product without any, adjustments of both its locations, edits
    of its price and publications repricing it, all side by side: nothing lost, nothing doubled."""
    if container.engine().dialect.name != "postgresql":
        pytest.skip("SQLite runs one writer at a time: nothing can race")
    acme = world["acme"]
    lamp, mug = shop.product(acme, "LAMP", 100), shop.product(acme, "MUG", 10)
    made: list[int] = []

    def create(location: str) -> None:
        made.append(shop.stock(acme, mug, 1, threshold=2, location=location))

    run_together(*(partial(create, f"store-{n}") for n in range(6)))
    main, store = (
        shop.stock(acme, lamp, 500, threshold=3),
        shop.stock(acme, lamp, 500, threshold=3, location="b"),
    )

    def adjust(stock_id: int, delta: int) -> None:
        for _ in range(25):
            shop.adjust(acme, stock_id, delta)

    def reprice(start: int) -> None:
        for n in range(start, start + 10):
            shop.price(acme, lamp, n)
            shop.publish(acme, [ProductDraft("LAMP", "Lamp", n + 1), ProductDraft("MUG", "Mug", n)])

    run_together(
        lambda: adjust(main, -3),
        lambda: adjust(store, 2),
        lambda: adjust(made[0], 1),
        lambda: reprice(200),
        lambda: reprice(300),
    )
    units, *_ = _figures(container, "vendor", acme)
    assert units == 500 - 75 + 500 + 50 + 6 + 25
    kept = ledger_rows(container, "inventory.")
    with container.session_factory()() as session, session.begin():
        container.ledger().rebuild(session, container.all_ledger_sources())
    assert ledger_rows(container, "inventory.") == kept
    _everywhere(container, world)
