"""Run every enabled module's seeder in start order, part by part, so that a run can be resumed.

Tenancy goes first and records the vendors it created; the other modules add their rows for those
vendors. Each part of each step commits with a record of itself in `tessera_seed_parts`, and the
run's seed, size and clock are kept in `tessera_seed_runs`: started again on the same database, a
run skips what is done and makes exactly the rows an uninterrupted run would have made. The same
seed, size and clock give the same data.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import accumulate
from random import Random
from typing import Any, Protocol

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Executable,
    Integer,
    MetaData,
    Row,
    String,
    Table,
    insert,
    select,
    update,
)

from adapters.database.bulk import bulk_insert
from contracts.seeding import SeedContext, SeedSize
from kernel.errors import ConflictError
from kernel.module import ModuleDefinition
from kernel.persistence import UTCDateTime

__all__ = ("SeedProgress", "seed_database")

_bookkeeping = MetaData()
_runs = Table(
    "tessera_seed_runs",
    _bookkeeping,
    Column("id", Integer, primary_key=True),
    Column("seed", Integer, nullable=False),
    Column("size", String(200), nullable=False),
    Column("now", UTCDateTime(), nullable=False),
    Column("finished_at", UTCDateTime(), nullable=True),
)
_parts = Table(
    "tessera_seed_parts",
    _bookkeeping,
    Column("step", String(64), primary_key=True),
    Column("part", Integer, primary_key=True),
)


class SeedProgress(Protocol):
    """Told about each step as it starts; the callable it returns is told how many rows were written."""

    def step(self, name: str, total: int) -> Callable[[int], None]: ...


class _Silent:
    def step(self, name: str, total: int) -> Callable[[int], None]:
        return lambda rows: None


@dataclass(slots=True)
class _Part:
    index: int
    start: int
    stop: int
    rng: Random
    connection: Connection

    def bulk(self, model: type[Any], rows: Iterable[Mapping[str, Any]]) -> int:
        return bulk_insert(self.connection, model, rows)


class _Store:
    def __init__(self, engine: Engine, seed: int, progress: SeedProgress) -> None:
        self._engine, self._seed, self._progress = engine, seed, progress

    def parts(self, step: str, total: int, per_part: int) -> Iterator[_Part]:
        done = {part for (part,) in self.read(select(_parts.c.part).where(_parts.c.step == step))}
        advance = self._progress.step(step, total)
        for index in range(-(-total // per_part)):
            start, stop = index * per_part, min(total, (index + 1) * per_part)
            if index not in done:
                with self._engine.begin() as connection:
                    yield _Part(index, start, stop, part_random(self._seed, step, index), connection)
                    connection.execute(insert(_parts), {"step": step, "part": index})
            advance(stop - start)

    def read(self, statement: Executable) -> Sequence[Row[Any]]:
        with self._engine.connect() as connection:
            return connection.execute(statement).all()

    def vendor_weights(self, count: int) -> list[float]:
        """A few busy vendors first, then a long tail, the way real marketplaces look."""
        return list(accumulate(1.0 / (rank + 1) ** 0.8 for rank in range(count)))


def part_random(seed: int, step: str, index: int) -> Random:
    """The same seed, step and part always give the same numbers, whatever ran before."""
    return Random(f"{seed}:{step}:{index}")  # noqa: S311 - demo data, not secrets


def _options(size: SeedSize) -> str:
    """The size as the `tessera seed` options that ask for it, which is what a person can act on."""
    return " ".join(f"--{name} {value}" for name, value in dataclasses.asdict(size).items())


def _run_clock(engine: Engine, seed: int, size: SeedSize, now: datetime) -> datetime:
    """The clock of the run this database belongs to: a new run's `now`, or the interrupted run's."""
    _bookkeeping.create_all(engine)
    with engine.begin() as connection:
        run = connection.execute(select(_runs.c.seed, _runs.c.size, _runs.c.now)).first()
        if run is None:
            connection.execute(insert(_runs), {"id": 1, "seed": seed, "size": _options(size), "now": now})
            return now
    if (run.seed, run.size) != (seed, _options(size)):
        raise ConflictError(
            f"this database was seeded with --seed {run.seed} {run.size}: run again with those to"
            " finish it, or seed an empty database"
        )
    return run.now  # type: ignore[no-any-return]


def seed_database(
    engine: Engine,
    modules: Sequence[ModuleDefinition],
    *,
    seed: int,
    size: SeedSize,
    now: datetime,
    progress: SeedProgress | None = None,
) -> dict[str, int]:
    """Seed, or finish seeding, the database; returns how many rows of each kind it holds."""
    clock = _run_clock(engine, seed, size, now)
    context = SeedContext(store=_Store(engine, seed, progress or _Silent()), seed=seed, now=clock, size=size)
    for definition in modules:
        if definition.seeder is not None:
            definition.seeder()(context)
    with engine.begin() as connection:
        connection.execute(update(_runs).values(finished_at=now))
        connection.exec_driver_sql("ANALYZE")  # fresh planner statistics for millions of new rows
    return context.counts
