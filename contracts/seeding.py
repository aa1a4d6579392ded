"""What a module's seeder receives to add its share of deterministic demo data, at any scale.

Tenancy seeds first (modules start in dependency order) and records the vendors it made; every
other module reads them from here, so no seeder imports another module.

A seeder cuts its work into parts (`context.parts(step, total, per_part)`): each part is written
in a transaction of its own together with the record that it is done, and draws from a random
generator of its own, seeded by the run's seed, the step and the part's index. So an interrupted
run can be started again and carries on where it stopped, and it makes exactly the rows an
uninterrupted run would have made.

It is the agreement between the modules' seeders and the adapter that runs them
(`adapters/seeding.py`, which also holds the demo's policy: vendor weights; the scales are
`adapters/cli/seed.py`'s), not part of the kernel: no dashboard needs demo data.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from sqlalchemy import Connection, Executable, Row

__all__ = ("SeedContext", "SeedPart", "SeedSize", "SeedStore", "SeededProduct", "SeededVendor")


@dataclass(frozen=True, slots=True)
class SeedSize:
    """The volumes a seeder aims at; the other tables follow from these (see each module's seeder)."""

    platforms: int = 3
    vendors: int = 12
    orders: int = 5000
    days: int = 365


@dataclass(frozen=True, slots=True)
class SeededVendor:
    id: int
    slug: str
    platform_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class SeededProduct:
    id: int
    vendor_id: int
    price_cents: int


class SeedPart(Protocol):
    """One slice `[start, stop)` of a step's rows, written in one transaction."""

    index: int
    start: int
    stop: int
    rng: random.Random
    connection: Connection
    """For the few rows a seeder needs ids back from (`insert(...).returning(...)`)."""

    def bulk(self, model: type[Any], rows: Iterable[Mapping[str, Any]]) -> int:
        """Write many rows of a mapped class's table the fastest way the database offers (COPY on
        PostgreSQL), without building ORM objects; returns how many."""
        ...


class SeedStore(Protocol):
    """The database side of a seed run, provided by the adapter that runs the seeders."""

    def parts(self, step: str, total: int, per_part: int) -> Iterator[SeedPart]:
        """The parts of `step` not written yet; each is committed when the next one is asked for."""
        ...

    def read(self, statement: Executable) -> Sequence[Row[Any]]:
        """Rows already written (by this run or by an interrupted one it continues)."""
        ...

    def vendor_weights(self, count: int) -> list[float]:
        """Cumulative weights (for `rng.choices(..., cum_weights=...)`) of `count` vendors in seeding
        order: how busy each vendor is, a policy of the demo data, not of any module."""
        ...


@dataclass
class SeedContext:
    """Shared by the seeders of one run."""

    store: SeedStore
    seed: int
    now: datetime
    size: SeedSize
    platform_ids: list[int] = field(default_factory=list)
    vendors: list[SeededVendor] = field(default_factory=list)
    """Filled by tenancy's seeder, read back from the database so that a continued run has them too."""
    products: list[SeededProduct] = field(default_factory=list)
    """Filled by catalog's seeder for the modules that build on it (inventory, marketplace)."""
    counts: dict[str, int] = field(default_factory=dict)

    def parts(self, step: str, total: int, per_part: int) -> Iterator[SeedPart]:
        return self.store.parts(step, total, per_part)

    def read(self, statement: Executable) -> Sequence[Row[Any]]:
        return self.store.read(statement)

    def vendor_weights(self) -> list[float]:
        return self.store.vendor_weights(len(self.vendors))
