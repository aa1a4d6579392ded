"""`tessera modules`: what is installed, what is on, and what each needs."""

from __future__ import annotations

import click
from rich.console import Console
from rich.table import Table

from adapters.cli.context import CliState, pass_state
from kernel.module import ModuleDefinition

__all__ = ("modules",)


@click.command()
@pass_state
def modules(state: CliState) -> None:
    """List installed modules, enabled or not, with their requirements and metrics category."""
    loaded = state.settings()
    container = state.container(loaded)
    installed: dict[str, ModuleDefinition] = container.installed_modules()
    started = [definition.code for definition in container.enabled_modules()]
    enabled = set(started)
    table = Table(title=f"modules ({loaded.source})")
    for column in ("code", "name", "enabled", "core", "requires", "metrics", "source"):
        table.add_column(column)
    for code in [*started, *(code for code in installed if code not in enabled)]:  # start order first
        definition = installed[code]
        table.add_row(
            code,
            definition.name,
            "yes" if code in enabled else "no",
            "core" if definition.is_core else "",
            ", ".join(definition.requires) or "-",
            definition.metrics_category or "-",
            definition.source,
        )
    Console().print(table)
