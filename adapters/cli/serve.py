"""`tessera serve`: check the database is migrated, then serve the API with uvicorn.

On a SQLite file it holds the file's lock, shared, for as long as it serves: other servers may serve
the same file, but `tessera demo` refuses to reset or change a database a server uses.
"""

from __future__ import annotations

import os
from contextlib import nullcontext

import click
import uvicorn

from adapters.cli.context import CliState, pass_state
from adapters.cli.database_file import sqlite_file
from adapters.cli.serving_lock import holding
from adapters.container import Container
from adapters.database.migrations import migration_states
from adapters.http.app import create_app
from adapters.logs.configuration import configure_logging
from kernel.errors import TesseraError

__all__ = ("run_server", "serve")


def run_server(container: Container, host: str, port: int, workers: int, settings_path: str | None) -> None:
    """One worker: serve this container's app. Several: each worker builds its own from settings, and
    sets up its logging (adapters/http/asgi.py). `log_config=None`: uvicorn's lines go through the
    same logging as Tessera's, and its access log stays uvicorn's choice."""
    behind = [
        s.code for s in migration_states(container.engine(), container.enabled_modules()) if not s.is_current
    ]
    if behind:
        raise TesseraError(
            f"the database is not migrated for {', '.join(behind)}: run `tessera db upgrade` first"
        )
    configure_logging(container.settings().logging)  # after the check: alembic's notices are no news
    if workers == 1:
        uvicorn.run(create_app(container), host=host, port=port, log_level="info", log_config=None)
        return
    if settings_path:
        os.environ["TESSERA_SETTINGS"] = settings_path
    container.shutdown_resources()
    uvicorn.run(
        "adapters.http.asgi:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
        log_config=None,
    )


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
    path = str(state.settings_path) if state.settings_path else None
    container = state.container(loaded)
    database = sqlite_file(loaded)
    lock = (
        holding(database, f"tessera serve at http://{host}:{port}", alone=False, fix="stop it first")
        if database is not None
        else nullcontext()
    )
    with lock:
        run_server(container, host, port, workers or server.workers, path)
