"""`tessera modules`: the module graph from settings, then what each platform actually runs.

The graph needs no database. The per-platform table does: when the database is not reachable or
not migrated yet, the command says so instead of failing, because the graph alone is still useful.
"""

from __future__ import annotations

from typing import Any

import click
from rich.console import Console
from rich.table import Table

from adapters.cli.context import CliState, pass_state
from adapters.container import Container
from kernel.identity import SYSTEM
from kernel.module import ModuleDefinition

__all__ = ("modules",)

_PAGE = 100


def _graph(title: str, installed: dict[str, ModuleDefinition], started: list[str]) -> Table:
    enabled = set(started)
    table = Table(title=title)
    for column in ("code", "name", "enabled", "core", "requires", "required by", "metrics", "source"):
        table.add_column(column)
    for code in [*started, *(code for code in installed if code not in enabled)]:  # start order first
        definition = installed[code]
        needed_by = [other for other, d in installed.items() if code in d.requires]
        table.add_row(
            code,
            definition.name,
            "yes" if code in enabled else "no",
            "core" if definition.is_core else "",
            ", ".join(definition.requires) or "-",
            ", ".join(needed_by) or "-",
            definition.metrics_category or "-",
            definition.source,
        )
    return table


def _platforms(container: Container) -> list[Any]:
    service, found, offset = container.tenancy.platform_service(), [], 0
    while True:
        page = service.list(SYSTEM, limit=_PAGE, offset=offset)
        found.extend(page.items)
        offset += _PAGE
        if offset >= page.total:
            return found


def _per_platform(container: Container, optional: list[str]) -> Table:
    """One row per platform: "on", or "off" for a module it switched off (or whose requirement it did)."""
    table = Table(title="per platform (optional modules)")
    table.add_column("platform")
    for code in optional:
        table.add_column(code, justify="center")
    switches = container.module_switches()
    for platform in _platforms(container):
        states = {s.code: s for s in switches.states(SYSTEM, platform.id).modules}
        table.add_row(platform.slug, *("on" if states[code].enabled else "off" for code in optional))
    return table


@click.command()
@pass_state
def modules(state: CliState) -> None:
    """List installed modules with their requirements, and which optional ones each platform runs."""
    loaded = state.settings()
    container = state.container(loaded)
    console = Console() if Console().is_terminal else Console(width=160)
    try:
        installed: dict[str, ModuleDefinition] = container.installed_modules()
        started = [definition.code for definition in container.enabled_modules()]
        console.print(_graph(f"modules ({loaded.source})", installed, started))
        readiness = container.readiness().check()
        if not readiness.ready:
            console.print(f"per-platform states not shown: {readiness.detail}")
            return
        optional = [code for code in started if not installed[code].is_core]
        console.print(_per_platform(container, optional))
    finally:
        container.shutdown_resources()
