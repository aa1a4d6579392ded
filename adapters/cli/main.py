"""`tessera`: run, migrate, seed and inspect a Tessera installation."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, NoReturn

import click
from sqlalchemy.exc import SQLAlchemyError

from adapters.cli.context import CliState
from adapters.cli.database import db
from adapters.cli.demo import demo
from adapters.cli.import_orders import import_group
from adapters.cli.modules import modules
from adapters.cli.seed import seed
from adapters.cli.serve import serve
from adapters.cli.stats import stats
from adapters.cli.users import users
from adapters.logs.configuration import configure_logging
from kernel.errors import TesseraError
from kernel.settings import LoggingSettings

__all__ = ("cli",)


_DATABASE_FIX = "Fix: check database.url, and run `tessera db upgrade` on a new database"


class _TesseraGroup(click.Group):
    """Report Tessera's own errors (settings mistakes included) and database failures as one line,
    and exit 2: an operator needs the cause and the fix, not a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TesseraError as error:
            _fail(str(error))
        except SQLAlchemyError as error:
            cause = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
            _fail(f"database error: {cause}. {_DATABASE_FIX}")


def _fail(message: str) -> NoReturn:
    click.secho(f"error: {message}", fg="red", err=True)
    sys.exit(2)


@click.group(cls=_TesseraGroup)
@click.option(
    "--settings",
    "settings_path",
    type=click.Path(path_type=Path),
    default=None,
    help="Settings file (default: $TESSERA_SETTINGS, else ./settings.yaml, else built-in defaults).",
)
@click.option("-v", "--verbose", is_flag=True, help="Log at INFO level (servers: logging.level).")
@click.pass_context
def cli(ctx: click.Context, settings_path: Path | None, verbose: bool) -> None:
    """Tessera: a modular commerce platform kernel."""
    # Before any settings are read (a broken file must not stop --help); the servers set up logging
    # again from the settings' `logging` section (adapters/cli/serve.py).
    configure_logging(LoggingSettings(level="INFO" if verbose else "WARNING"))
    ctx.obj = CliState(settings_path)


for command in (serve, db, seed, users, stats, modules, demo, import_group):
    cli.add_command(command)
