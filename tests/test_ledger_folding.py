"""Folding the ledger's deltas, on both databases: a fold moves them into the ledger rows
without changing a figure, takes at most its limit, never counts a delta twice, does nothing when
none are left, and loses nothing when it fails between taking the deltas and adding them up.

Orders are the figures used here; the property test (test_ledger_equivalence.py) folds between
every kind of write.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from dependency_injector import providers
from sqlalchemy import func, select

from adapters.container import Container
from adapters.ledger import fold_ledger
from kernel.context import MetricsContext, Scope
from modules.orders.schemas import OrderCreate
from modules.tenancy.ledger import SqlLedger
from modules.tenancy.models import LedgerDelta
from tests.fakes.clock import FrozenClock
from tests.ledger import fast_equals_raw, ledger_tables, three_vendors

TODAY = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
WINDOWS = [
    MetricsContext(date(2026, 5, 17), date(2026, 6, 15), "30d", include_trends=True),
    MetricsContext(date(2026, 1, 1), date(2026, 3, 31), "custom", include_trends=True),
]


class InjectedFoldError(Exception):
    """Raised by the fold checkpoint: a folder dying after its DELETE, before its upserts."""


def _orders(container: Container, clock: FrozenClock, world: dict[str, int]) -> None:
    """Six orders of acme (main) and bolt (main and eu), spread over February to June."""
    for n, month in enumerate((2, 3, 6, 6, 2, 5)):
        clock.set(datetime(2026, month, 3 + n, 9, tzinfo=UTC))
        vendor = world["acme"] if n % 2 else world["bolt"]
        order = OrderCreate(
            total_cents=1000 + n, status="pending" if n == 3 else "paid", customer_email=f"{n % 2}@x.test"
        )
        container.orders.order_service().create(vendor, order)
    clock.set(TODAY)


def _figures(container: Container, world: dict[str, int]) -> list[object]:
    """Every orders figure of every vendor and platform, asserted equal to the raw tables."""
    owners: list[tuple[Scope, str]] = [
        ("vendor", "acme"),
        ("vendor", "bolt"),
        ("platform", "main"),
        ("platform", "eu"),
    ]
    return [
        fast_equals_raw(container, "orders", scope, world[slug], context)
        for context in WINDOWS
        for scope, slug in owners
    ]


def _deltas(container: Container) -> int:
    with container.session_factory()() as session:
        return int(session.execute(select(func.count()).select_from(LedgerDelta)).scalar_one())


def _fold(container: Container, limit: int) -> int:
    with container.session_factory()() as session, session.begin():
        return int(container.ledger().fold(session, limit))


@pytest.fixture
def world(container: Container, clock: FrozenClock) -> dict[str, int]:
    clock.set(TODAY)
    ids = three_vendors(container)
    _orders(container, clock, ids)
    return ids


def test_a_fold_moves_deltas_into_the_rows_and_changes_no_figure(
    container: Container, world: dict[str, int]
) -> None:
    before, pending = _figures(container, world), _deltas(container)
    assert pending > 20  # each order: per owner, a delta per key and per dated key
    assert _fold(container, 7) == 7  # the limit holds
    assert _deltas(container) == pending - 7
    assert _figures(container, world) == before  # part folded, part not: the same figures
    assert _fold(container, 10_000) == pending - 7
    assert _deltas(container) == 0
    assert _figures(container, world) == before


def test_folding_twice_counts_nothing_twice_and_with_no_deltas_does_nothing(
    container: Container, world: dict[str, int]
) -> None:
    before = _figures(container, world)
    assert fold_ledger(container, batch=5) > 0  # batch after batch until none are left
    folded = ledger_tables(container)
    assert _fold(container, 100) == 0
    assert fold_ledger(container) == 0
    assert ledger_tables(container) == folded
    assert _figures(container, world) == before


def test_writes_after_a_fold_add_to_the_folded_rows(
    container: Container, clock: FrozenClock, world: dict[str, int]
) -> None:
    fold_ledger(container)
    _orders(container, clock, world)  # the same orders again: every figure doubles
    assert _deltas(container) > 0
    _figures(container, world)
    fold_ledger(container)
    _figures(container, world)


def test_a_fold_that_fails_after_taking_its_deltas_loses_and_doubles_nothing(
    make_container: object, clock: FrozenClock
) -> None:
    def fail() -> None:
        raise InjectedFoldError

    container = make_container()  # type: ignore[operator]
    clock.set(TODAY)
    world = three_vendors(container)
    _orders(container, clock, world)
    before, pending = _figures(container, world), _deltas(container)
    container.ledger.override(providers.Object(SqlLedger(fold_checkpoint=fail)))
    with pytest.raises(InjectedFoldError):
        fold_ledger(container)
    container.ledger.reset_override()
    assert _deltas(container) == pending  # the delete rolled back with the rest
    assert _figures(container, world) == before
    assert fold_ledger(container) == pending
    assert _figures(container, world) == before
