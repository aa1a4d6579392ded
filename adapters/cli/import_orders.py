"""`tessera import orders FILE`: bring a shop's past orders in from CSV or JSON Lines.

The file is imported whole or not at all: every bad row is printed with its line and reason and
the command exits 1 with nothing imported; run it again once fixed. Running it again after it
succeeded imports nothing twice (rows already there are counted as skipped). The orders module does
the work (modules/orders/order_import.py); this only reads the file and prints.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from adapters.cli.context import CliState, pass_state
from kernel.errors import InvalidRowsError

__all__ = ("import_group",)

_FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}


@click.group("import")
def import_group() -> None:
    """Bring history in from files."""


@import_group.command("orders")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "file_format",
    type=click.Choice(["csv", "jsonl"]),
    default=None,
    help="Default: from the extension (.csv; .jsonl or .ndjson).",
)
@pass_state
def orders(state: CliState, file: Path, file_format: str | None) -> None:
    """Import past orders (one per row or line), whole or not at all; a second run skips them."""
    chosen = file_format or _FORMATS.get(file.suffix.lower())
    if chosen is None:
        raise click.UsageError(f"cannot tell the format of '{file.name}' from its extension: give --format")
    container = state.container(batch=True)
    try:
        if "orders" not in {module.code for module in container.enabled_modules()}:
            raise click.ClickException("the orders module is off: enable it in the settings to import orders")
        try:
            summary = container.orders.order_import().import_file(file.read_bytes(), chosen)
        except InvalidRowsError as error:
            for problem in error.problems:
                click.echo(str(problem), err=True)
            rows = len({problem.line for problem in error.problems})
            click.secho(f"{rows} bad row{'s' if rows > 1 else ''}: nothing imported", fg="red", err=True)
            sys.exit(1)
    finally:
        container.shutdown_resources()
    click.echo(f"imported {summary.imported}, skipped {summary.skipped} already there ({summary.rows} rows)")
