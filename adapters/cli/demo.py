"""`tessera demo`: the database the settings name, with demo data and logins, served at once.

The demo uses the settings' SQLite file (`tessera.db` by default), so `tessera stats ...` and every
other command read what the demo wrote, with no variable to set. Re-running it never loses data:
the first run builds, marks and seeds the file; a later run keeps it as it is, with everything done
in it since, and only prints the logins with new passwords (`--fresh` starts over). While a demo
prepares or serves it holds the file's lock, so a second demo refuses instead of reseeding a file
a server uses, and the port is checked before anything is touched. A file the demo did not make is
never touched. The token-signing secret is random unless one is set. Nothing here is fit for
production, and the banner says so.
"""

from __future__ import annotations

import json
import secrets
from pathlib import Path

import click
import msgspec

from adapters.bootstrap import bootstrap
from adapters.cli.context import CliState, pass_state
from adapters.cli.database_file import sqlite_file
from adapters.cli.demo_database import DemoRecord, demo_record, mark_demo, mark_seeded, renew_logins
from adapters.cli.serve import run_server
from adapters.cli.serving_lock import holding, require_free_port
from adapters.container import Container
from adapters.database.migrations import upgrade
from adapters.ledger import rebuild_ledger
from adapters.seeding import seed_database
from adapters.settings_file import LoadedSettings
from contracts.seeding import SeedSize
from kernel.errors import TesseraError

__all__ = ("demo",)

_PRINT_ACCESS = "python3 -c 'import json, sys; print(json.load(sys.stdin)[\"access_token\"])'"
_IN_USE_FIX = (
    "use that one, or stop it (Ctrl+C where it runs) and run the demo again; "
    "--database other.db --port 8001 runs a second demo in a file of its own"
)


def _demo_settings(loaded: LoadedSettings, database: Path) -> LoadedSettings:
    settings = loaded.settings
    secret = settings.auth.jwt_secret or secrets.token_urlsafe(48)
    demo_settings = msgspec.structs.replace(
        settings,
        database=msgspec.structs.replace(settings.database, url=f"sqlite:///{database}"),
        auth=msgspec.structs.replace(settings.auth, jwt_secret=secret),
    )
    return LoadedSettings(demo_settings, loaded.source, loaded.overrides)


def _database_file(loaded: LoadedSettings, database: Path | None) -> Path:
    found = database if database is not None else sqlite_file(loaded)
    if found is None:
        raise TesseraError(
            f"the demo runs on a SQLite file, and database.url in {loaded.origin('database.url')} names "
            "another database: pass --database demo.db"
        )
    return found


def _delete(database: Path, *, with_lock: bool = False) -> None:
    """The database, SQLite's side files and the processes' changes file (adapters/change_notices/
    sidecar.py); the lock file only when nothing will use it again."""
    for suffix in ("", "-wal", "-shm", ".changes", *((".lock",) if with_lock else ())):
        database.with_name(database.name + suffix).unlink(missing_ok=True)


def _prepare(container: Container, database: Path, record: DemoRecord | None, seed: int, orders: int) -> None:
    """Migrate; then mark and seed a new database, finish an interrupted seeding, or keep what is there."""
    engine, modules, now = container.engine(), container.enabled_modules(), container.clock().now()
    migrated = all(step.is_current for step in upgrade(engine, modules))
    if record is None:
        mark_demo(engine, seed, orders, now)
        record = DemoRecord(seed, orders, seeded_at=None)
    if record.seeded_at is not None:
        if not migrated:  # tables a module's figures come from may be new: the ledger starts from them
            rebuild_ledger(container)
        click.echo(
            f"kept the demo database {database} and everything done in it; --fresh starts over "
            f"(make demo DEMO_ARGS=--fresh)"
        )
        return
    size = SeedSize(orders=record.orders)
    counts = seed_database(engine, modules, seed=record.seed, size=size, now=now)
    rebuild_ledger(container)
    mark_seeded(engine, now)
    click.echo("seeded " + ", ".join(f"{count} {kind}" for kind, count in counts.items()))


def _cli_hint(state: CliState, loaded: LoadedSettings, database: Path) -> str:
    """The command that reads this demo's database: plain `tessera ...` when the settings name it."""
    command = "tessera" if state.settings_path is None else f"tessera --settings {state.settings_path}"
    named = sqlite_file(loaded)
    if named is None or named.resolve() != database.resolve():
        command = f"TESSERA_DATABASE__URL=sqlite:///{database} {command}"
    return f"{command} stats vendor alpine-outfitters"


def _banner(base: str, database: Path, cli_hint: str, logins: list[tuple[str, str, str]]) -> str:
    lines = [
        "",
        f"Tessera demo in {database}: demo data, kept between runs. Not for production.",
        f"  Dashboard:     {base}/   (sign in with a login below)",
        f"  API docs:      {base}/schema/swagger",
        f"  OpenAPI:       {base}/schema/openapi.json",
        f"  Health:        {base}/health   Ready: {base}/ready",
        f"  CLI:           {cli_hint}",
        "",
        "Logins (new passwords on every run, shown only now):",
    ]
    lines += [f"  {role:<15} {email:<28} {password}" for role, email, password in logins]
    owner = next((login for login in logins if login[0] == "vendor_owner"), logins[0])
    lines += [
        "",
        "Try it:",
        f"  TOKEN=$(curl -s {base}/api/v1/auth/token -H 'Content-Type: application/json' \\",
        f"      -d '{json.dumps({'email': owner[1], 'password': owner[2]})}' \\",
        f"      | {_PRINT_ACCESS})",
        f"  curl -s '{base}/api/v1/vendor/dashboard/stats?period=90d&include_trends=true' \\",
        '      -H "Authorization: Bearer $TOKEN"',
        f"  (sign in as {logins[0][1]} for {base}/api/v1/admin/dashboard/stats?platform_id=1)",
        "",
    ]
    return "\n".join(lines)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=8000, show_default=True)
@click.option(
    "--database",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="SQLite file of the demo (default: the one database.url names, tessera.db out of the box).",
)
@click.option("--fresh", is_flag=True, help="Delete the demo database and build a new one.")
@click.option("--remove", is_flag=True, help="Delete the demo database, then stop (make clean).")
@click.option("--seed", "seed_value", type=int, default=42, show_default=True, help="For a new database.")
@click.option("--orders", type=click.IntRange(0, 1_000_000), default=5000, show_default=True)
@click.option("--no-serve", is_flag=True, help="Prepare the database and print the logins, then stop.")
@pass_state
def demo(
    state: CliState,
    host: str,
    port: int,
    database: Path | None,
    fresh: bool,
    remove: bool,
    seed_value: int,
    orders: int,
    no_serve: bool,
) -> None:
    """Serve a demo database: built on the first run, kept with its data on the next ones."""
    loaded = state.settings()
    path = _database_file(loaded, database)
    serving = not (no_serve or remove)
    holder = f"tessera demo serving http://{host}:{port}" if serving else "tessera demo (preparing)"
    with holding(path, holder, alone=True, fix=_IN_USE_FIX):
        if serving:
            require_free_port(host, port)
        record = demo_record(path)  # refuses a database the demo did not make
        if remove:
            existed = path.exists()  # a demo's, or an empty file: nothing in it to lose
            _delete(path, with_lock=True)
            click.echo(f"removed the demo database {path}" if existed else f"no demo database at {path}")
            return
        if fresh:
            _delete(path)
            record = None
        settings = _demo_settings(loaded, path.resolve())
        container = bootstrap(settings)
        try:
            _prepare(container, path, record, seed_value, orders)
            hint = _cli_hint(state, loaded, path)
            click.echo(_banner(f"http://{host}:{port}", path, hint, renew_logins(container)))
            if serving:
                run_server(container, settings, host, port, workers=1)
        finally:
            container.shutdown_resources()
