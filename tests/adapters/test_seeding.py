"""Seeding at scale, on both databases: an interrupted run, started again, ends with exactly the rows
an uninterrupted run makes; another seed or size on a partly seeded database is refused; rows
written in bulk (COPY on PostgreSQL) read back like rows the ORM wrote."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy import Engine, inspect, select, text

from adapters.container import Container
from adapters.database.bulk import bulk_insert
from adapters.seeding import seed_database
from contracts.seeding import SeedSize
from kernel.errors import ConflictError
from modules.orders.models import Order
from tests.database import empty_tables

NOW = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
# 450 vendors: catalog writes them in three parts of 200, so a run can stop between two of them.
SIZE = SeedSize(platforms=4, vendors=450, orders=3000, days=60)


class _InterruptedError(Exception):
    pass


class _StopAfter:
    """Progress that stops the run (like Ctrl-C) once the first part of `step` is committed."""

    def __init__(self, step: str) -> None:
        self.stop_at, self.seen = step, list[str]()

    def step(self, name: str, total: int) -> Callable[[int], None]:
        self.seen.append(name)

        def advance(rows: int) -> None:
            if name == self.stop_at:
                raise _InterruptedError

        return advance


def _tables(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table in primary key order, but for the run's finish time and passwords."""
    dump = {}
    with engine.connect() as connection:
        for table in inspect(engine).get_table_names():
            if table.startswith("alembic_version"):
                continue
            keys = inspect(engine).get_pk_constraint(table)["constrained_columns"]
            order = ", ".join(f'"{key}"' for key in keys)
            rows = connection.execute(text(f'SELECT * FROM "{table}" ORDER BY {order}'))  # noqa: S608
            # Seeded accounts get a fresh unusable password each run, by design (see tenancy's seeder).
            dump[table] = [tuple(v for k, v in row._mapping.items() if k != "password_hash") for row in rows]
    dump.pop("tessera_seed_runs")
    return dump


def _seed(container: Container, **options: object) -> dict[str, int]:
    arguments: dict[str, Any] = {"seed": 5, "size": SIZE, "now": NOW, **options}
    return seed_database(container.engine(), container.enabled_modules(), **arguments)


def test_an_interrupted_run_started_again_makes_the_same_rows(container: Container) -> None:
    engine = container.engine()
    whole = _seed(container)
    expected = _tables(engine)
    empty_tables(engine)

    progress = _StopAfter("catalog")
    with pytest.raises(_InterruptedError):
        _seed(container, progress=progress)
    with engine.connect() as connection:
        assert connection.scalar(text("SELECT count(*) FROM products")) > 0  # the first part stayed
        assert connection.scalar(text("SELECT count(*) FROM products")) < whole["products"]
    resumed = _seed(container, now=NOW + timedelta(days=3))  # a later day: the run keeps its own clock

    assert resumed == whole
    assert _tables(engine) == expected
    assert whole["orders"] == 3000
    assert whole["vendors"] == 450


def test_seeding_again_with_the_same_options_changes_nothing(container: Container) -> None:
    first = _seed(container)
    before = _tables(container.engine())
    assert _seed(container) == first
    assert _tables(container.engine()) == before


def test_another_seed_or_size_on_a_partly_seeded_database_is_refused(container: Container) -> None:
    with pytest.raises(_InterruptedError):
        _seed(container, progress=_StopAfter("catalog"))
    before = _tables(container.engine())
    with pytest.raises(ConflictError) as refused:
        _seed(container, seed=6)
    assert str(refused.value) == (
        "this database was seeded with --seed 5 --platforms 4 --vendors 450 --orders 3000 --days 60:"
        " run again with those to finish it, or seed an empty database"
    )
    with pytest.raises(ConflictError):
        _seed(container, size=SeedSize(platforms=4, vendors=450, orders=3001, days=60))
    assert _tables(container.engine()) == before


def test_bulk_rows_read_back_like_orm_rows(container: Container) -> None:
    """Times in another zone are stored as UTC, exactly as the ORM's `UTCDateTime` stores them."""
    at = datetime(2026, 3, 29, 1, 30, 15, 123456, tzinfo=timezone(timedelta(hours=2)))
    with container.engine().begin() as connection:
        connection.execute(text("INSERT INTO vendors (slug, name, is_active, is_verified, created_at) "
                                "VALUES ('v', 'V', true, true, '2026-01-01 00:00:00')"))  # fmt: skip
        vendor_id = connection.scalar(text("SELECT id FROM vendors"))
        row = {"vendor_id": vendor_id, "customer_email": "a@example.com", "status": "paid",
               "total_cents": 9_007_199_254_740_993, "currency": "EUR", "created_at": at}  # fmt: skip
        assert bulk_insert(connection, Order, [row, {**row, "status": "pending"}]) == 2
    with container.session_factory()() as session:
        orders = session.scalars(select(Order).order_by(Order.id)).all()
    assert [(o.status, o.total_cents, o.created_at) for o in orders] == [
        ("paid", 9_007_199_254_740_993, datetime(2026, 3, 28, 23, 30, 15, 123456, tzinfo=UTC)),
        ("pending", 9_007_199_254_740_993, datetime(2026, 3, 28, 23, 30, 15, 123456, tzinfo=UTC)),
    ]


def test_a_row_with_an_unknown_column_is_refused_by_name(container: Container) -> None:
    with container.engine().begin() as connection, pytest.raises(ValueError, match="orders has no column"):
        bulk_insert(connection, Order, [{"vendor_id": 1, "colour": "red"}])
