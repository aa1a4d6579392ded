"""`tessera seed`: deterministic demo data from every enabled module, at any scale.

Large scales take minutes, so the command shows a progress bar per step, and an interrupted run
can simply be started again with the same options: it carries on where it stopped.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from adapters.cli.context import CliState, pass_state
from adapters.ledger import rebuild_ledger
from adapters.seeding import seed_database
from contracts.seeding import SeedSize

__all__ = ("seed",)


class _Bars:
    """One bar per seeding step, counted in rows."""

    def __init__(self, progress: Progress) -> None:
        self._progress = progress

    def step(self, name: str, total: int) -> Callable[[int], None]:
        task = self._progress.add_task(name, total=total)
        return lambda rows: self._progress.advance(task, rows)


@contextmanager
def _bars() -> Iterator[_Bars]:
    columns = (TextColumn("{task.description:<14}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True)) as progress:
        yield _Bars(progress)


SCALES: Mapping[str, SeedSize] = {
    "small": SeedSize(platforms=3, vendors=10, orders=10_000, days=730),
    "medium": SeedSize(platforms=6, vendors=100, orders=200_000, days=730),
    "large": SeedSize(platforms=12, vendors=1_000, orders=2_000_000, days=730),
    "xlarge": SeedSize(platforms=20, vendors=2_000, orders=10_000_000, days=730),
}
"""`tessera seed --scale NAME`: two years of history, vendors on several platforms."""


def _size(scale: str | None, **explicit: int | None) -> SeedSize:
    """The scale's volumes (or the demo's), with any volume given explicitly taking precedence."""
    base = SCALES[scale] if scale else SeedSize()
    return dataclasses.replace(base, **{key: value for key, value in explicit.items() if value is not None})


@click.command()
@click.option("--seed", "seed_value", type=int, default=42, show_default=True, help="Same seed, same data.")
@click.option(
    "--scale",
    type=click.Choice(list(SCALES)),
    default=None,
    help="small: 10 vendors, 10k orders; medium: 100, 200k; large: 1,000, 2M; xlarge: 2,000, 10M.",
)
@click.option("--platforms", type=click.IntRange(1, 50), default=None, help="[default: 3]")
@click.option("--vendors", type=click.IntRange(1, 100_000), default=None, help="[default: 12]")
@click.option("--orders", type=click.IntRange(0, 100_000_000), default=None, help="[default: 5000]")
@click.option(
    "--days", type=click.IntRange(1, 3650), default=None, help="History to spread over. [default: 365]"
)
@pass_state
def seed(
    state: CliState,
    seed_value: int,
    scale: str | None,
    platforms: int | None,
    vendors: int | None,
    orders: int | None,
    days: int | None,
) -> None:
    """Fill an empty, migrated database with demo data, or finish an interrupted run."""
    container = state.container(batch=True)
    size = _size(scale, platforms=platforms, vendors=vendors, orders=orders, days=days)
    try:
        with _bars() as bars:
            counts = seed_database(
                container.engine(),
                container.enabled_modules(),
                seed=seed_value,
                size=size,
                now=container.clock().now(),
                progress=bars,
            )
        rebuild_ledger(container)  # seeded rows arrive in bulk, not through the writes that keep it
    finally:
        container.shutdown_resources()
    click.echo("seeded " + ", ".join(f"{count} {kind}" for kind, count in counts.items()))
