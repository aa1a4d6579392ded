"""Property: whatever sequence of writes happens, every dashboard figure read from the figures ledger
equals the figure computed from the raw tables, for every vendor and platform and any window, on
SQLite and PostgreSQL, whatever time zones the vendors and platforms are in.

Hypothesis draws the platforms' and vendors' time zones (UTC, a half-hour offset, two that change
their clocks, one a day ahead of UTC), then sequences of writes through the modules' real services
(orders, customers, products and their updates, stock and its adjustments, pages and their status,
media, themes, CSV imports and their approvals (whose quantities set stock, also of products the
stock API stocked at several locations), vendors joining, leaving and being deactivated, zones
changing, and partial folds of the ledger's deltas), each at a drawn minute over two years (so near
the zones' midnights and clock changes), and then compares each module's `metrics_provider` (the
ledger) with its `reference_metrics` (`SourceFigures`, the raw tables) for drawn windows with
trends in each owner's local days, as the writes left the ledger (part folded, part not) and again
once every delta is folded. The reference counts timestamps between local midnights, the ledger
sums the days the fold put each moment in, so each checks the other. A write the service refuses
(a duplicate sku, stock below zero…) is part of the story too: it must change nothing. A rebuild of
the ledger from the raw tables must then change nothing either.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from adapters.container import Container
from kernel.context import MetricsContext
from kernel.errors import TesseraError
from kernel.identity import SYSTEM
from modules.catalog.schemas import ProductCreate, ProductUpdate
from modules.cms.page_service import PageOwner
from modules.cms.schemas import MediaCreate, PageCreate, ThemeCreate
from modules.customers.schemas import CustomerCreate
from modules.inventory.schemas import StockAdjust, StockCreate
from modules.orders.schemas import OrderCreate
from modules.tenancy.models import Platform, Vendor
from modules.tenancy.schemas import PlatformCreate, PlatformUpdate, VendorCreate, VendorUpdate
from tests.database import empty_tables
from tests.fakes.clock import FrozenClock
from tests.ledger import ledger_tables

TODAY = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
EXAMPLES = int(os.environ.get("TESSERA_EQUIVALENCE_EXAMPLES", "15"))
VENDORS, PLATFORMS = ("acme", "bolt", "crux"), ("main", "eu")
STATUSES = ("pending", "paid", "shipped", "delivered", "cancelled", "refunded")
ZONES = ("UTC", "Asia/Kolkata", "America/Los_Angeles", "Europe/Paris", "Australia/Adelaide")
"""UTC; +05:30; -08/-07 (clocks change 2026-03-08); +01/+02 (2025-10-26, 2026-03-29); +09:30/+10:30."""

vendor = st.integers(0, len(VENDORS) - 1)
platform = st.integers(0, len(PLATFORMS) - 1)
pick = st.integers(0, 1_000)  # an index into what exists so far, modulo its length
zone = st.sampled_from(ZONES)
ago = st.integers(0, 730 * 1440)  # minutes before now
write = st.one_of(
    st.tuples(
        st.just("order"), vendor, ago, st.sampled_from(STATUSES), st.integers(0, 10**9), st.integers(0, 4)
    ),
    st.tuples(st.just("customer"), vendor, ago, st.integers(0, 6)),
    st.tuples(
        st.just("product"),
        vendor,
        ago,
        st.integers(0, 5),
        st.integers(0, 99_999),
        st.booleans(),
        st.booleans(),
    ),
    st.tuples(
        st.just("product_update"),
        pick,
        st.none() | st.integers(0, 99_999),
        st.none() | st.booleans(),
        st.none() | st.booleans(),
    ),
    st.tuples(
        st.just("stock"), pick, st.sampled_from(["main", "store-2"]), st.integers(0, 40), st.integers(0, 10)
    ),
    st.tuples(st.just("adjust"), pick, st.integers(-30, 30)),
    st.tuples(st.just("page"), vendor, st.booleans(), ago, st.sampled_from(["draft", "published"])),
    st.tuples(st.just("page_status"), pick, ago, st.sampled_from(["draft", "published"])),
    st.tuples(st.just("media"), vendor, ago, st.integers(0, 5_000_000)),
    st.tuples(st.just("theme"), vendor, ago, st.booleans()),
    st.tuples(st.just("activate_theme"), pick),
    st.tuples(
        st.just("import"),
        vendor,
        ago,
        st.lists(
            st.tuples(
                st.integers(0, 5), st.sampled_from(["9.99", "x", "0.5", "12"]), st.none() | st.integers(0, 40)
            ),
            max_size=4,
        ),
    ),
    st.tuples(st.just("approve"), pick),
    st.tuples(st.just("attach"), vendor, platform),
    st.tuples(st.just("detach"), vendor, platform),
    st.tuples(st.just("vendor_active"), vendor, st.booleans()),
    st.tuples(st.just("fold"), st.integers(1, 40)),
    st.tuples(st.just("platform_zone"), platform, zone),
    st.tuples(st.just("vendor_zone"), vendor, zone),
)
homes = st.tuples(zone, zone, st.none() | zone, st.none() | zone, st.none() | zone)
"""The platforms' zones, then each vendor's (None: its first platform's)."""
window = st.tuples(st.integers(0, 800), st.integers(1, 400))  # (days before today it ends, length)


class _World:
    """Ids of what the writes made so far, so later writes can name them."""

    def __init__(self, container: Container, clock: FrozenClock, zones: tuple[str | None, ...]) -> None:
        self.container, self.clock = container, clock
        tenancy = container.tenancy
        self.platforms = [
            tenancy.platform_service()
            .create(
                SYSTEM,
                PlatformCreate(slug=s, name=s.title(), domain=f"{s}.test", timezone=zones[i] or "UTC"),
            )
            .id
            for i, s in enumerate(PLATFORMS)
        ]
        homes = ([0], [0, 1], [1])
        self.vendors = [
            tenancy.vendor_service()
            .create(
                SYSTEM,
                VendorCreate(
                    slug=s,
                    name=s.title(),
                    platform_ids=[self.platforms[p] for p in home],
                    timezone=zones[2 + i],
                ),
            )
            .id
            for i, (s, home) in enumerate(zip(VENDORS, homes, strict=True))
        ]
        self.products: list[tuple[int, int]] = []  # (vendor_id, product_id)
        self.stock: list[tuple[int, int]] = []
        self.pages: list[tuple[Any, int]] = []  # (owner, page_id)
        self.themes: list[tuple[int, int]] = []
        self.jobs: list[tuple[int, int]] = []

    def at(self, minutes_ago: int) -> None:
        self.clock.set(TODAY - timedelta(minutes=minutes_ago))

    def apply(self, step: tuple[Any, ...], *, strict: bool = False) -> None:
        kind, *args = step
        try:
            getattr(self, f"_{kind}")(*args)
        except TesseraError:
            if strict:
                raise
            # Otherwise refused, as the API would answer 400, 404 or 409: it must change nothing.
        finally:
            self.clock.set(TODAY)

    def _order(self, v: int, days: int, status: str, cents: int, email: int) -> None:
        self.at(days)
        data = OrderCreate(customer_email=f"c{email}@x.test", total_cents=cents, status=status)  # type: ignore[arg-type]
        self.container.orders.order_service().create(self.vendors[v], data)

    def _customer(self, v: int, days: int, email: int) -> None:
        self.at(days)
        self.container.customers.customer_service().create(
            self.vendors[v], CustomerCreate(email=f"c{email}@x.test")
        )

    def _product(self, v: int, days: int, sku: int, price: int, active: bool, featured: bool) -> None:
        self.at(days)
        data = ProductCreate(
            sku=f"SKU-{sku}", title=f"Thing {sku}", price_cents=price, is_active=active, is_featured=featured
        )
        created = self.container.catalog.product_service().create(self.vendors[v], data)
        self.products.append((self.vendors[v], created.id))

    def _product_update(self, n: int, price: int | None, active: bool | None, featured: bool | None) -> None:
        if self.products:
            vendor_id, product_id = self.products[n % len(self.products)]
            data = ProductUpdate(price_cents=price, is_active=active, is_featured=featured)
            self.container.catalog.product_service().update(vendor_id, product_id, data)

    def _stock(self, n: int, location: str, quantity: int, threshold: int) -> None:
        if self.products:
            vendor_id, product_id = self.products[n % len(self.products)]
            data = StockCreate(
                product_id=product_id, location=location, quantity=quantity, reorder_threshold=threshold
            )
            self.stock.append(
                (vendor_id, self.container.inventory.stock_service().create(vendor_id, data).id)
            )

    def _adjust(self, n: int, delta: int) -> None:
        if self.stock:
            vendor_id, stock_id = self.stock[n % len(self.stock)]
            self.container.inventory.stock_service().adjust(vendor_id, stock_id, StockAdjust(delta=delta))

    def _page(self, v: int, of_platform: bool, days: int, status: str) -> None:
        self.at(days)
        owner = (
            PageOwner(platform_id=self.platforms[v % 2])
            if of_platform
            else PageOwner(vendor_id=self.vendors[v])
        )
        data = PageCreate(slug=f"page-{len(self.pages)}", title="Page", status=status)  # type: ignore[arg-type]
        self.pages.append((owner, self.container.cms.page_service().create(owner, data).id))

    def _page_status(self, n: int, days: int, status: str) -> None:
        if self.pages:
            self.at(
                days if days < 30 * 1440 else 0
            )  # a page changes status after it was made: keep it recent
            owner, page_id = self.pages[n % len(self.pages)]
            self.container.cms.page_service().set_status(owner, page_id, status)

    def _media(self, v: int, days: int, size: int) -> None:
        self.at(days)
        data = MediaCreate(filename="photo.jpg", content_type="image/jpeg", size_bytes=size)
        self.container.cms.media_service().create(self.vendors[v], data)

    def _theme(self, v: int, days: int, active: bool) -> None:
        self.at(days)
        created = self.container.cms.theme_service().create(
            self.vendors[v], ThemeCreate(name=f"Theme {len(self.themes)}", is_active=active)
        )
        self.themes.append((self.vendors[v], created.id))

    def _activate_theme(self, n: int) -> None:
        if self.themes:
            vendor_id, theme_id = self.themes[n % len(self.themes)]
            self.container.cms.theme_service().activate(vendor_id, theme_id)

    def _import(self, v: int, days: int, rows: list[tuple[int, str, int | None]]) -> None:
        """The skus of `_product`, so an approval also updates products and stock made through the API;
        no quantity is an empty cell (stock untouched)."""
        self.at(days)
        lines = [
            "sku,title,price,quantity",
            *(
                f"SKU-{sku},Imported {sku},{price},{'' if units is None else units}"
                for sku, price, units in rows
            ),
        ]
        content = ("\n".join(lines) + "\n").encode() if rows else b"sku\n"
        job = self.container.marketplace.import_service().upload(self.vendors[v], "products.csv", content)
        self.jobs.append((self.vendors[v], job.id))

    def _approve(self, n: int) -> None:
        if self.jobs:
            vendor_id, job_id = self.jobs[n % len(self.jobs)]
            self.container.marketplace.import_approval().approve(vendor_id, job_id)

    def _attach(self, v: int, p: int) -> None:
        self.container.tenancy.vendor_service().attach(SYSTEM, self.platforms[p], self.vendors[v])

    def _detach(self, v: int, p: int) -> None:
        self.container.tenancy.vendor_service().detach(SYSTEM, self.platforms[p], self.vendors[v])

    def _vendor_active(self, v: int, active: bool) -> None:
        self.container.tenancy.vendor_service().update(
            SYSTEM, self.vendors[v], VendorUpdate(is_active=active)
        )

    def _platform_zone(self, p: int, name: str) -> None:
        update = PlatformUpdate(timezone=name)
        self.container.tenancy.platform_service().update(SYSTEM, self.platforms[p], update)

    def _vendor_zone(self, v: int, name: str) -> None:
        self.container.tenancy.vendor_service().update(SYSTEM, self.vendors[v], VendorUpdate(timezone=name))

    def _fold(self, limit: int) -> None:
        """Fold the oldest `limit` deltas only: checks then meet the ledger part folded, part not."""
        with self.container.session_factory()() as session, session.begin():
            self.container.figure_ledger().fold(session, limit)


def _contexts(windows: list[tuple[int, int]]) -> list[MetricsContext]:
    today = TODAY.date()
    contexts = [MetricsContext(today - timedelta(days=29), today, "30d", include_trends=True)]
    for ends_ago, length in windows:
        last = today - timedelta(days=ends_ago)
        contexts.append(
            MetricsContext(last - timedelta(days=length - 1), last, "custom", include_trends=True)
        )
    return contexts


def _compare(container: Container, world: _World, contexts: list[MetricsContext]) -> None:
    modules = [
        code
        for code in container.enabled_modules()
        if "reference_metrics" in getattr(container, code.code).providers
    ]
    assert len(modules) == 6, "every optional module reads the ledger"
    with container.session_factory()() as session:
        zones = {
            **{("v", id_): name for id_, name in session.execute(select(Vendor.id, Vendor.timezone))},
            **{("p", id_): name for id_, name in session.execute(select(Platform.id, Platform.timezone))},
        }
        for module in modules:
            fast, raw = (
                getattr(container, module.code).metrics_provider(),
                getattr(container, module.code).reference_metrics(),
            )
            for utc_context in contexts:
                for vendor_id in world.vendors:
                    context = replace(utc_context, timezone=zones["v", vendor_id])
                    assert fast.get_vendor_metrics(session, vendor_id, context) == raw.get_vendor_metrics(
                        session, vendor_id, context
                    ), (module.code, "vendor", vendor_id, context)
                for platform_id in world.platforms:
                    context = replace(utc_context, timezone=zones["p", platform_id])
                    assert fast.get_platform_metrics(
                        session, platform_id, context
                    ) == raw.get_platform_metrics(session, platform_id, context), (
                        module.code,
                        "platform",
                        platform_id,
                        context,
                    )


@pytest.fixture
def fresh(container: Container, clock: FrozenClock) -> Callable[..., _World]:
    def make(zones: tuple[str | None, ...] = ("UTC",) * 5) -> _World:
        empty_tables(container.engine())
        container.tenancy.tenant_directory().forget()
        clock.set(TODAY)
        return _World(container, clock, zones)

    return make


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    zones=homes,
    writes=st.lists(write, min_size=1, max_size=25),
    windows=st.lists(window, min_size=1, max_size=3),
)
def test_ledger_figures_equal_raw_figures(
    fresh: Callable[..., _World],
    container: Container,
    zones: tuple[str | None, ...],
    writes: list[tuple[Any, ...]],
    windows: list[tuple[int, int]],
) -> None:
    world = fresh(zones)
    for step in writes:
        world.apply(step)
    _compare(container, world, _contexts(windows))  # as the writes and folds left it
    kept = ledger_tables(container)  # every delta folded
    _compare(container, world, _contexts(windows))
    with container.session_factory()() as session, session.begin():
        container.figure_ledger().rebuild(session, container.figure_sources())
    assert ledger_tables(container) == kept


EVERY_KIND = [
    ("order", 1, 3, "paid", 4999, 1),
    ("order", 1, 40, "pending", 100, 1),
    ("customer", 0, 2, 1),
    ("product", 1, 5, 1, 1250, True, True),
    ("product_update", 0, 1300, False, None),
    ("stock", 0, "main", 4, 5),
    ("stock", 0, "store-2", 0, 2),
    ("adjust", 1, 7),
    ("page", 0, False, 9, "published"),
    ("page", 1, True, 9, "draft"),
    ("page_status", 1, 2, "published"),
    ("media", 2, 1, 2_500_000),
    ("theme", 2, 1, False),
    ("activate_theme", 0),
    ("import", 1, 4, [(5, "9.99", 3), (2, "x", 1), (4, "12", None)]),  # updates SKU-5 and its stock
    ("approve", 0),
    ("detach", 1, 0),
    ("attach", 1, 0),
    ("vendor_active", 2, False),
    ("fold", 3),
    ("platform_zone", 0, "Asia/Kolkata"),
    ("order", 0, 1_000, "paid", 700, 2),  # after the zone change: in Kolkata days from the start
    ("vendor_zone", 0, "America/Los_Angeles"),
]


def test_every_kind_of_write_runs_and_keeps_the_ledger_equal(
    fresh: Callable[..., _World], container: Container
) -> None:
    """The property draws from these kinds: each one must really write, not be refused."""
    kinds = {name[1:] for name in vars(_World) if name.startswith("_") and not name.startswith("__")}
    assert {step[0] for step in EVERY_KIND} == kinds
    world = fresh(("Europe/Paris", "Australia/Adelaide", None, "Asia/Kolkata", None))
    for step in EVERY_KIND:
        world.apply(step, strict=True)
    _compare(container, world, _contexts([(0, 7), (30, 60)]))
