"""`tessera serve`: check the database is migrated, then serve the API (adapters/http/server.py).

On a SQLite file it holds the file's lock, shared, for as long as it serves: other servers may serve
the same file, but `tessera demo` refuses to reset or change a database a server uses.
"""

from __future__ import annotations

from contextlib import nullcontext

import click

from adapters.cli.context import CliState, pass_state
from adapters.cli.database_file import sqlite_file
from adapters.cli.serving_lock import holding, require_free_port
from adapters.container import Container
from adapters.database.migrations import migration_states
from adapters.http.server import serve_app
from adapters.logs.configuration import configure_logging
from adapters.settings_file import LoadedSettings
from kernel.errors import TesseraError

__all__ = ("run_server", "serve")


def run_server(container: Container, loaded: LoadedSettings, host: str, port: int, workers: int) -> None:
    """Refuse a database whose migrations are behind, or a port in use; else serve `loaded`'s app.

    The container only checks: its connections are released before the workers start, and each
    worker builds its own app from `loaded`, the same way for one worker as for many.
    """
    behind = [
        s.code for s in migration_states(container.engine(), container.enabled_modules()) if not s.is_current
    ]
    if behind:
        raise TesseraError(
            f"the database is not migrated for {', '.join(behind)}: run `tessera db upgrade` first"
        )
    configure_logging(loaded.settings.logging)  # after the check: alembic's notices are no news
    require_free_port(host, port)
    container.shutdown_resources()
    serve_app(loaded, host, port, workers)


@click.command()
@click.option("--host", default=None, help="Interface to bind (default: server.host).")
@click.option("--port", type=int, default=None, help="Port (default: server.port).")
@click.option(
    "--workers", type=click.IntRange(1, 64), default=None, help="Worker processes (default: server.workers)."
)
@pass_state
def serve(state: CliState, host: str | None, port: int | None, workers: int | None) -> None:
    """Serve the HTTP API."""
    loaded = state.settings(require_secret=True)
    server = loaded.settings.server
    host, port = host or server.host, port or server.port
    container = state.container(loaded)
    database = sqlite_file(loaded)
    lock = (
        holding(database, f"tessera serve at http://{host}:{port}", alone=False, fix="stop it first")
        if database is not None
        else nullcontext()
    )
    with lock:
        run_server(container, loaded, host, port, workers or server.workers)
