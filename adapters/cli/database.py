"""`tessera db`: bring the schema of every enabled module up to date, or show where it stands."""

from __future__ import annotations

import click

from adapters.cli.context import CliState, pass_state
from adapters.database.migrations import migration_states, upgrade
from adapters.ledger import fold_ledger, rebuild_ledger

__all__ = ("db",)


@click.group()
def db() -> None:
    """Database schema."""


@db.command("upgrade")
@pass_state
def upgrade_command(state: CliState) -> None:
    """Create or upgrade the tables of every enabled module."""
    container = state.container(creates_database=True, batch=True)
    try:
        before = upgrade(container.engine(), container.enabled_modules())
        changed = not all(step.is_current for step in before)
        if changed:  # tables a module's figures come from may be new: the ledger starts from them
            rebuild_ledger(container)
    finally:
        container.shutdown_resources()
    for step in before:
        if step.is_current:
            click.echo(f"{step.code}: already at {step.head}")
        else:
            click.echo(f"{step.code}: {step.current or 'empty'} -> {step.head}")


@db.command("rebuild-ledger")
@pass_state
def rebuild_ledger_command(state: CliState) -> None:
    """Recompute the dashboards' ledger from the raw tables (after bulk loads or repairs)."""
    container = state.container(batch=True)
    try:
        rebuilt = rebuild_ledger(container)
    finally:
        container.shutdown_resources()
    click.echo("ledger rebuilt from the raw tables" if rebuilt else "no module keeps a ledger")


@db.command("fold")
@pass_state
def fold_command(state: CliState) -> None:
    """Fold every change writes appended into the ledger's rows (servers do it every
    `ledger.fold_interval_ms`; dashboards count unfolded changes either way)."""
    container = state.container(batch=True)
    try:
        folded = fold_ledger(container)
    finally:
        container.shutdown_resources()
    click.echo(f"{folded} ledger changes folded")


@db.command("status")
@pass_state
def status_command(state: CliState) -> None:
    """Show each enabled module's schema revision."""
    container = state.container()
    try:
        states = migration_states(container.engine(), container.enabled_modules())
    finally:
        container.shutdown_resources()
    for step in states:
        mark = "up to date" if step.is_current else f"behind (head {step.head})"
        click.echo(f"{step.code}: {step.current or 'empty'}, {mark}")
