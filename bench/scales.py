"""The benchmark's sizes, and the one step that seeds a database at a size."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bench.processes import tessera

__all__ = ("PUBLIC_SCALES", "SCALES", "Scale", "seed_arguments", "seed_database")


@dataclass(frozen=True)
class Scale:
    name: str
    vendors: int
    orders: int


SCALES = {
    scale.name: scale
    for scale in (
        Scale("tiny", 3, 300),  # the smoke test's: not offered on the command line's help
        Scale("small", 10, 10_000),
        Scale("medium", 100, 200_000),
        Scale("large", 1_000, 2_000_000),
        Scale("xlarge", 2_000, 10_000_000),
    )
}
PUBLIC_SCALES = ("small", "medium", "large", "xlarge")


def seed_arguments(scale: str, seed: int) -> list[str]:
    """The `tessera` command line that seeds an empty, migrated database at `scale`: the public
    scales are `tessera seed --scale`'s own; `tiny` (the smoke test's) is spelled out.

    It is also the marker's fingerprint: a database seeded by other arguments is seeded again.
    """
    if scale in PUBLIC_SCALES:
        return ["seed", "--scale", scale, "--seed", str(seed)]
    size = SCALES[scale]
    counts = ["--vendors", str(size.vendors), "--orders", str(size.orders), "--platforms", "3"]
    return ["seed", *counts, "--seed", str(seed)]


def seed_database(environ: Mapping[str, str], scale: str, seed: int) -> str:
    return tessera(environ, *seed_arguments(scale, seed))
