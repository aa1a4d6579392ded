"""The world the ledger-equivalence property writes into (tests/test_ledger_equivalence.py): two
platforms and three vendors made through the real services, and one method per kind of write the
property draws, each going through a module's real service at the clock's drawn moment.

Its own file because the property, its strategies and this world of writes are three things, and
together they outgrew one file.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from adapters.container import Container
from kernel.errors import TesseraError
from kernel.identity import SYSTEM, Role
from modules.catalog.schemas import ProductCreate, ProductUpdate
from modules.cms.page_service import PageOwner
from modules.cms.schemas import MediaCreate, PageCreate, ThemeCreate
from modules.customers.schemas import CustomerCreate
from modules.inventory.schemas import StockAdjust, StockCreate
from modules.orders.models import Order
from modules.orders.schemas import OrderCreate, OrderLine, OrderMove, RefundCreate
from modules.tenancy.schemas import (
    DomainCreate,
    PlatformCreate,
    PlatformUpdate,
    UserCreate,
    VendorCreate,
    VendorUpdate,
)
from tests.fakes.clock import FrozenClock

__all__ = ("PLATFORMS", "TODAY", "VENDORS", "LedgerWorld")

TODAY = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
VENDORS, PLATFORMS = ("acme", "bolt", "crux"), ("main", "eu")


class LedgerWorld:
    """Two platforms and three vendors to write into, and the ids of what the writes made so far,
    so later writes can name them. A write is a tuple `(kind, *args)`, run by `_<kind>`."""

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
        self.orders: list[tuple[int, int]] = []  # (vendor_id, order_id)
        self.products: list[tuple[int, int]] = []  # (vendor_id, product_id)
        self.stock: list[tuple[int, int]] = []
        self.pages: list[tuple[Any, int]] = []  # (owner, page_id)
        self.themes: list[tuple[int, int]] = []
        self.jobs: list[tuple[int, int]] = []
        self.users = self.domains = 0

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
        created = self.container.orders.order_service().create(self.vendors[v], data)
        self.orders.append((self.vendors[v], created.id))

    def _foreign_order(self, v: int, days: int, status: str, cents: int, email: int, currency: str) -> None:
        """An order in a drawn currency, sent with an `Idempotency-Key` and sent again as a client
        that lost the answer would: the retry answers the first order and records nothing."""
        self.at(days)
        email_at = f"c{email}@x.test"
        data = OrderCreate(customer_email=email_at, total_cents=cents, status=status, currency=currency)  # type: ignore[arg-type]
        orders, key = self.container.orders.order_service(), f"retry-{len(self.orders)}"
        created = orders.record(self.vendors[v], data, key)[0]
        self.orders.append((self.vendors[v], created.id))
        again, replayed = orders.record(self.vendors[v], data, key)
        assert (again.id, replayed) == (created.id, True), "a retry recorded the order again"

    def _shouted_order(self, v: int, days: int, email: int) -> None:
        """An order from `_customer`'s and `_order`'s emails written in capitals: the same customer."""
        self.at(days)
        data = OrderCreate(customer_email=f"C{email}@X.TEST", total_cents=100, status="paid")
        created = self.container.orders.order_service().create(self.vendors[v], data)
        self.orders.append((self.vendors[v], created.id))

    def _lined_order(self, v: int, days: int, status: str, quantities: list[int]) -> None:
        """An order with lines (its total their sum, its units their quantities)."""
        self.at(days)
        lines = [
            OrderLine(sku=f"L{i}", title=f"Line {i}", quantity=q, unit_price_cents=100 * (i + 1))
            for i, q in enumerate(quantities)
        ]
        data = OrderCreate(customer_email=f"c{len(quantities)}@x.test", status=status, lines=lines)  # type: ignore[arg-type]
        created = self.container.orders.order_service().create(self.vendors[v], data)
        self.orders.append((self.vendors[v], created.id))

    def _move(self, n: int, days: int, status: str) -> None:
        """A step of an order's life, at a drawn moment (after its placing or not: the ledger must
        count the revenue on the day the order was placed whenever it moves)."""
        if self.orders:
            self.at(days)
            vendor_id, order_id = self.orders[n % len(self.orders)]
            self.container.orders.order_service().move(vendor_id, order_id, OrderMove(status=status))  # type: ignore[arg-type]

    def _refund(self, n: int, days: int, cents: int) -> None:
        """A refund, in part or of all that is left (or more, refused), at a drawn moment."""
        if self.orders:
            self.at(days)
            vendor_id, order_id = self.orders[n % len(self.orders)]
            self.container.orders.refund_service().refund(
                vendor_id, order_id, RefundCreate(amount_cents=cents)
            )

    def _sold_order(self, n: int, days: int, status: str, quantities: list[int]) -> None:
        """An order whose lines name products of one vendor (the one of product `n`): recorded paid,
        shipped or delivered, or moved to paid later, it takes their units out of stock."""
        if self.products:
            self.at(days)
            vendor_id = self.products[n % len(self.products)][0]
            mine = [product_id for owner, product_id in self.products if owner == vendor_id]
            lines = [
                OrderLine(
                    sku=f"P{i}",
                    title="Sold",
                    quantity=q,
                    unit_price_cents=100,
                    product_id=mine[(n + i) % len(mine)],
                )
                for i, q in enumerate(quantities)
            ]
            data = OrderCreate(customer_email="sold@x.test", status=status, lines=lines)  # type: ignore[arg-type]
            created = self.container.orders.order_service().create(vendor_id, data)
            self.orders.append((vendor_id, created.id))

    def _restock(self, n: int, days: int, cents: int | None) -> None:
        """A refund that puts the order's units back in stock: of `cents`, or a move to refunded."""
        if self.orders:
            self.at(days)
            vendor_id, order_id = self.orders[n % len(self.orders)]
            if cents is None:
                move = OrderMove(status="refunded", restock=True)
                self.container.orders.order_service().move(vendor_id, order_id, move)
            else:
                refund = RefundCreate(amount_cents=cents, restock=True)
                self.container.orders.refund_service().refund(vendor_id, order_id, refund)

    def _order_import(self, v: int, rows: list[tuple[int, str, int, list[tuple[int, int]], int]]) -> None:
        """Past orders imported in one file: `(minutes ago placed, status, cents, refunds as (cents,
        minutes after placing), external id)`; drawn refunds that the lifecycle refuses (on a pending
        order, more than the total) refuse the whole file. External ids repeat, so rows are skipped."""
        records = []
        for ago, status, cents, refunds, name in rows:
            placed = TODAY - timedelta(minutes=ago)
            given = [
                {
                    "amount_cents": amount,
                    "refunded_at": min(placed + timedelta(minutes=after), TODAY).isoformat(),
                }
                for amount, after in refunds
            ]
            records.append(
                {
                    "vendor": self.vendors[v],
                    "external_id": f"H-{name}",
                    "customer_email": f"c{name % 5}@x.test",
                    "status": status,
                    "total_cents": cents,
                    "placed_at": placed.isoformat(),
                    "refunds": given,
                }
            )
        content = "".join(json.dumps(record) + "\n" for record in records).encode()
        self.container.orders.order_import().import_file(content, "jsonl")
        with self.container.session_factory()() as session:
            named = (
                select(Order.vendor_id, Order.id)
                .where(
                    Order.vendor_id == self.vendors[v],
                    Order.external_id.in_([r["external_id"] for r in records]),
                )
                .order_by(Order.id)
            )
            self.orders.extend(
                (vendor_id, order_id)
                for vendor_id, order_id in session.execute(named)
                if (vendor_id, order_id) not in self.orders
            )

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

    def _attach(self, v: int, p: int, days: int) -> None:
        self.at(days)  # a new membership counts on the day it began
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

    def _new_vendor(self, minutes: int, homes: tuple[int, ...], zone: str | None) -> None:
        """On `homes` (its zone, if None, is the first one's), at a drawn moment: it joins them then."""
        self.at(minutes)
        slug = f"vendor-{len(self.vendors)}"
        platform_ids = [self.platforms[p] for p in homes]
        data = VendorCreate(slug=slug, name=slug.title(), platform_ids=platform_ids, timezone=zone)
        self.vendors.append(self.container.tenancy.vendor_service().create(SYSTEM, data).id)

    def _vendor_verified(self, n: int, verified: bool) -> None:
        vendor_id = self.vendors[n % len(self.vendors)]
        self.container.tenancy.vendor_service().update(SYSTEM, vendor_id, VendorUpdate(is_verified=verified))

    def _user(self, role: str, n: int) -> None:
        """A vendor's user (any vendor, on a platform or not) or a platform's admin."""
        self.users += 1
        tenant = (
            {"platform_id": self.platforms[n % 2]}
            if role == "platform_admin"
            else {"vendor_id": self.vendors[n % len(self.vendors)]}
        )
        data = UserCreate(email=f"user{self.users}@x.test", password="long enough", role=Role(role), **tenant)
        self.container.tenancy.user_service().create(SYSTEM, data)

    def _domain(self, n: int) -> None:
        self.domains += 1
        data = DomainCreate(domain=f"shop{self.domains}.example")
        self.container.tenancy.vendor_service().add_domain(SYSTEM, self.vendors[n % len(self.vendors)], data)

    def _fold(self, limit: int) -> None:
        """Fold the oldest `limit` deltas only: checks then meet the ledger part folded, part not."""
        with self.container.session_factory()() as session, session.begin():
            self.container.ledger().fold(session, limit)
