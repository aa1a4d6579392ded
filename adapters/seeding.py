"""Run every enabled module's seeder in start order, in one transaction.

Tenancy goes first and records the vendors it created; the other modules add their rows for those
vendors. The same seed on the same day gives the same data, and a failed run leaves nothing behind.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Engine

from kernel.module import ModuleDefinition
from kernel.seeding import SeedContext, SeedSize

__all__ = ("seed_database",)


def seed_database(
    engine: Engine, modules: Sequence[ModuleDefinition], *, seed: int, size: SeedSize, now: datetime
) -> dict[str, int]:
    """Returns how many rows of each kind were created."""
    with engine.begin() as connection:
        context = SeedContext(connection=connection, rng=random.Random(seed), now=now, size=size)  # noqa: S311 - demo data, not secrets
        for definition in modules:
            if definition.seeder is not None:
                definition.seeder()(context)
    return context.counts
