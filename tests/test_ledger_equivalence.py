"""Property: whatever sequence of writes happens, every dashboard figure read from the ledger
equals the figure computed from the raw tables, for every vendor and platform and any window, on
SQLite and PostgreSQL, whatever time zones the vendors and platforms are in.

Hypothesis draws the platforms' and vendors' time zones (UTC, a half-hour offset, two that change
their clocks, one a day ahead of UTC), then sequences of writes through the modules' real services
(tests/ledger_world.py: orders, orders in USD, JPY or BHD sent twice with one `Idempotency-Key`
(the retry records nothing; money figures are compared in every currency, never added across
them), the moves of their lifecycle and their refunds, orders selling
products (whose payment takes stock, whose cancelling or restocking refund puts it back), customers
(which orders find or add, whatever the case of their email), products and their updates, stock and
its adjustments, pages and their status, media, themes, CSV imports
and their approvals (whose quantities set stock, also of products the stock API stocked at several
locations), vendors made (in a drawn zone or their first platform's), joining, leaving, being
deactivated and verified, users of vendors and platforms, custom domains, zones changing, and
partial folds of the ledger's deltas), each at a drawn minute over two years (so near the zones'
midnights and clock changes), and then compares each module's metrics table read from the ledger
with the same table read from its raw tables (its `ledger_sources` through `tests/raw_reader.py`),
tenancy's included, for drawn windows with trends in each owner's local days, as the writes left
the ledger (part folded, part not) and again once every delta is folded. The reference counts
timestamps between local midnights, the ledger sums the days the fold put each moment in, so each
checks the other. A write the service refuses (a duplicate sku, stock below zero…) is part of the
story too: it must change nothing. A rebuild of the ledger from the raw tables must then change
nothing either (nor add a customer). Every owner's customers are at least its customers with
orders, which are at least its repeat customers. Imports of past orders (their own dates,
refunds, statuses; repeated external ids skipped, a bad row refusing its whole file) are drawn too.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from adapters.container import Container
from kernel.context import MetricsContext, Owner
from kernel.ledger_metrics import LedgerMetrics
from modules.customers.ledger_keys import COUNT as CUSTOMERS
from modules.orders.ledger_keys import CUSTOMERS as WITH_ORDERS
from modules.orders.ledger_keys import REPEAT
from modules.tenancy.models import Platform, Vendor
from tests.database import empty_tables
from tests.fakes.clock import FrozenClock
from tests.ledger import ledger_tables
from tests.ledger_world import PLATFORMS, TODAY, VENDORS, LedgerWorld
from tests.raw_reader import RawReader

EXAMPLES = int(os.environ.get("TESSERA_EQUIVALENCE_EXAMPLES", "15"))
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
    st.tuples(st.just("shouted_order"), vendor, ago, st.integers(0, 6)),
    st.tuples(
        st.just("lined_order"),
        vendor,
        ago,
        st.sampled_from(STATUSES),
        st.lists(st.integers(1, 5), min_size=1, max_size=3),
    ),
    st.tuples(
        st.just("foreign_order"),
        vendor,
        ago,
        st.sampled_from(STATUSES),
        st.integers(0, 10**6),
        st.integers(0, 6),
        st.sampled_from(["USD", "JPY", "BHD", "EUR"]),
    ),
    st.tuples(st.just("move"), pick, ago, st.sampled_from(STATUSES)),
    st.tuples(
        st.just("sold_order"),
        pick,
        ago,
        st.sampled_from(STATUSES),
        st.lists(st.integers(1, 5), min_size=1, max_size=3),
    ),
    st.tuples(st.just("restock"), pick, ago, st.none() | st.integers(1, 1_000)),
    st.tuples(st.just("refund"), pick, ago, st.sampled_from([1, 999, 10**6]) | st.integers(1, 10**9)),
    st.tuples(
        st.just("order_import"),
        vendor,
        st.lists(
            st.tuples(
                ago,
                st.sampled_from(STATUSES),
                st.integers(0, 10**6),
                st.lists(st.tuples(st.sampled_from([1, 500, 10**6]), st.integers(0, 60 * 1440)), max_size=2),
                st.integers(0, 6),
            ),
            min_size=1,
            max_size=3,
        ),
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
    st.tuples(st.just("attach"), vendor, platform, ago),
    st.tuples(st.just("detach"), vendor, platform),
    st.tuples(st.just("vendor_active"), vendor, st.booleans()),
    st.tuples(
        st.just("new_vendor"), ago, st.sampled_from([(), (0,), (1,), (0, 1), (1, 0)]), st.none() | zone
    ),
    st.tuples(st.just("vendor_verified"), pick, st.booleans()),
    st.tuples(st.just("user"), st.sampled_from(["vendor_owner", "vendor_member", "platform_admin"]), pick),
    st.tuples(st.just("domain"), pick),
    st.tuples(st.just("fold"), st.integers(1, 40)),
    st.tuples(st.just("platform_zone"), platform, zone),
    st.tuples(st.just("vendor_zone"), vendor, zone),
)
homes = st.tuples(zone, zone, st.none() | zone, st.none() | zone, st.none() | zone)
"""The platforms' zones, then each vendor's (None: its first platform's)."""
window = st.tuples(st.integers(0, 800), st.integers(1, 400))  # (days before today it ends, length)


def _contexts(windows: list[tuple[int, int]]) -> list[MetricsContext]:
    today = TODAY.date()
    contexts = [MetricsContext(today - timedelta(days=29), today, "30d", include_trends=True)]
    for ends_ago, length in windows:
        last = today - timedelta(days=ends_ago)
        contexts.append(
            MetricsContext(last - timedelta(days=length - 1), last, "custom", include_trends=True)
        )
    return contexts


def _compare(container: Container, world: LedgerWorld, contexts: list[MetricsContext]) -> None:
    modules = [
        code.code
        for code in container.enabled_modules()
        if "ledger_metrics" in getattr(container, code.code).providers
    ]
    assert len(modules) == 7, "tenancy and every optional module read the ledger"
    ledger = container.ledger()
    with container.session_factory()() as session:
        zones: dict[Owner, str] = {
            **{("vendor", id_): name for id_, name in session.execute(select(Vendor.id, Vendor.timezone))},
            **{
                ("platform", id_): name
                for id_, name in session.execute(select(Platform.id, Platform.timezone))
            },
        }
        owners: list[Owner] = [
            *(("vendor", vendor_id) for vendor_id in world.vendors),
            *(("platform", platform_id) for platform_id in world.platforms),
        ]
        for module in modules:
            table: LedgerMetrics = getattr(container, module).ledger_metrics()
            raw = RawReader(getattr(container, module).ledger_sources())
            for utc_context in contexts:
                for owner in owners:
                    context = replace(utc_context, timezone=zones[owner])
                    kept = ledger.read(session, owner, table.keys, context, table.prefixes)
                    computed = raw.read(session, owner, table.keys, context, table.prefixes)
                    assert table.metrics(owner[0], kept, context) == table.metrics(
                        owner[0], computed, context
                    ), (module, owner, context)


def _customers_hold(container: Container, world: LedgerWorld) -> None:
    """customers >= customers with orders >= repeat customers, for every owner: every email that
    ordered is a customer of the vendor (orders find or add it), and a repeat customer has orders."""
    context = _contexts([])[0]
    owners: list[Owner] = [
        *(("vendor", vendor_id) for vendor_id in world.vendors),
        *(("platform", platform_id) for platform_id in world.platforms),
    ]
    with container.session_factory()() as session:
        for owner in owners:
            read = container.ledger().read(session, owner, (CUSTOMERS, WITH_ORDERS, REPEAT), context)
            counts = (read.total(CUSTOMERS), read.total(WITH_ORDERS), read.total(REPEAT))
            assert counts == tuple(sorted(counts, reverse=True)), (owner, counts)


@pytest.fixture
def fresh(container: Container, clock: FrozenClock) -> Callable[..., LedgerWorld]:
    def make(zones: tuple[str | None, ...] = ("UTC",) * 5) -> LedgerWorld:
        empty_tables(container.engine())
        container.tenancy.tenant_directory().forget()
        clock.set(TODAY)
        return LedgerWorld(container, clock, zones)

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
    fresh: Callable[..., LedgerWorld],
    container: Container,
    zones: tuple[str | None, ...],
    writes: list[tuple[Any, ...]],
    windows: list[tuple[int, int]],
) -> None:
    world = fresh(zones)
    for step in writes:
        world.apply(step)
    _compare(container, world, _contexts(windows))  # as the writes and folds left it
    _customers_hold(container, world)
    kept = ledger_tables(container)  # every delta folded
    _compare(container, world, _contexts(windows))
    with container.session_factory()() as session, session.begin():
        container.ledger().rebuild(session, container.all_ledger_sources())
    assert ledger_tables(container) == kept


EVERY_KIND = [
    ("order", 1, 3, "paid", 4999, 1),
    ("order", 1, 40, "pending", 100, 1),
    ("lined_order", 0, 5, "pending", [2, 1]),
    ("shouted_order", 1, 4, 1),  # finds the customer the first order added
    ("move", 1, 2, "paid"),  # the pending order, paid two days after it was placed
    ("refund", 0, 1, 999),  # part of the first order, a day after
    (
        "order_import",
        0,
        [(60 * 1440, "delivered", 3000, [(500, 1440)], 1), (2 * 1440, "refunded", 800, [], 2)],
    ),
    ("order_import", 0, [(60 * 1440, "delivered", 3000, [(500, 1440)], 1)]),  # again: skipped, nothing new
    ("move", 4, 1, "refunded"),  # the imported delivered order, refunded now (what was left)
    ("customer", 0, 2, 4),  # an email no order of its vendor has used: a new customer
    ("product", 1, 5, 1, 1250, True, True),
    ("product_update", 0, 1300, False, None),
    ("stock", 0, "main", 4, 5),
    ("stock", 0, "store-2", 0, 2),
    ("adjust", 1, 7),  # bolt's SKU-1: 4 units at main, 7 at store-2
    ("sold_order", 0, 2, "pending", [3, 2]),  # order 6: 5 units of SKU-1, taken when paid
    ("move", 6, 1, "paid"),  # main's 4, then 1 of store-2's
    ("sold_order", 0, 1, "delivered", [1]),  # order 7: recorded delivered, takes 1 at store-2
    ("restock", 7, 0, 1),  # a refund in part that restocks order 7's unit
    ("restock", 7, 0, None),  # the rest, moving it to refunded: nothing left to restock
    ("move", 6, 0, "cancelled"),  # order 6's 5 units go back where they came from
    ("page", 0, False, 9, "published"),
    ("page", 1, True, 9, "draft"),
    ("page_status", 1, 2, "published"),
    ("media", 2, 1, 2_500_000),
    ("theme", 2, 1, False),
    ("activate_theme", 0),
    ("import", 1, 4, [(5, "9.99", 3), (2, "x", 1), (4, "12", None)]),  # updates SKU-5 and its stock
    ("approve", 0),
    ("detach", 1, 0),
    ("attach", 1, 0, 3 * 1440),
    ("vendor_active", 2, False),
    ("new_vendor", 12 * 1440, (1, 0), None),  # in its first platform's zone, Adelaide
    ("vendor_verified", 3, True),
    ("user", "vendor_member", 1),
    ("user", "platform_admin", 1),
    ("domain", 0),
    ("fold", 3),
    ("platform_zone", 0, "Asia/Kolkata"),
    ("order", 0, 1_000, "paid", 700, 2),  # after the zone change: in Kolkata days from the start
    ("foreign_order", 2, 10, "paid", 1500, 3, "JPY"),  # ¥1,500, sent twice with one key: one order
    ("vendor_zone", 0, "America/Los_Angeles"),
]


def test_every_kind_of_write_runs_and_keeps_the_ledger_equal(
    fresh: Callable[..., LedgerWorld], container: Container
) -> None:
    """The property draws from these kinds: each one must really write, not be refused."""
    kinds = {name[1:] for name in vars(LedgerWorld) if name.startswith("_") and not name.startswith("__")}
    assert {step[0] for step in EVERY_KIND} == kinds
    world = fresh(("Europe/Paris", "Australia/Adelaide", None, "Asia/Kolkata", None))
    for step in EVERY_KIND:
        world.apply(step, strict=True)
    _compare(container, world, _contexts([(0, 7), (30, 60)]))
    _customers_hold(container, world)
