"""`tessera seed`: deterministic demo data from every enabled module."""

from __future__ import annotations

import click

from adapters.cli.context import CliState, pass_state
from adapters.seeding import seed_database
from kernel.seeding import SeedSize

__all__ = ("seed",)


@click.command()
@click.option("--seed", "seed_value", type=int, default=42, show_default=True, help="Same seed, same data.")
@click.option("--platforms", type=click.IntRange(1, 50), default=3, show_default=True)
@click.option("--vendors", type=click.IntRange(1, 100_000), default=12, show_default=True)
@click.option("--orders", type=click.IntRange(0, 100_000_000), default=5000, show_default=True)
@click.option(
    "--days", type=click.IntRange(1, 3650), default=365, show_default=True, help="History to spread over."
)
@pass_state
def seed(state: CliState, seed_value: int, platforms: int, vendors: int, orders: int, days: int) -> None:
    """Fill an empty, migrated database with demo data."""
    container = state.container()
    size = SeedSize(platforms=platforms, vendors=vendors, orders=orders, days=days)
    try:
        counts = seed_database(
            container.engine(),
            container.enabled_modules(),
            seed=seed_value,
            size=size,
            now=container.clock().now(),
        )
    finally:
        container.shutdown_resources()
    click.echo("seeded " + ", ".join(f"{count} {kind}" for kind, count in counts.items()))
