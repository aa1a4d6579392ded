"""`tessera demo`: a fresh SQLite database with demo data and logins, served at once.

The logins get new random passwords on every run, printed once; the token-signing secret is
random too unless one is set. Nothing here is fit for production, and the banner says so.
"""

from __future__ import annotations

import json
import secrets
from pathlib import Path

import click
import msgspec

from adapters.bootstrap import bootstrap
from adapters.cli.context import CliState, pass_state
from adapters.cli.serve import run_server
from adapters.container import Container
from adapters.database.migrations import upgrade
from adapters.figures import rebuild_figures
from adapters.seeding import seed_database
from adapters.settings_file import LoadedSettings
from kernel.identity import SYSTEM, Role
from kernel.seeding import SeedSize
from modules.tenancy.schemas import UserCreate

__all__ = ("demo",)

_PRINT_ACCESS = "python3 -c 'import json, sys; print(json.load(sys.stdin)[\"access_token\"])'"


def _demo_settings(loaded: LoadedSettings, database: Path) -> LoadedSettings:
    settings = loaded.settings
    secret = settings.auth.jwt_secret or secrets.token_urlsafe(48)
    demo_settings = msgspec.structs.replace(
        settings,
        database=msgspec.structs.replace(settings.database, url=f"sqlite:///{database}"),
        auth=msgspec.structs.replace(settings.auth, jwt_secret=secret),
    )
    return LoadedSettings(demo_settings, loaded.source, loaded.overrides)


def _fresh(database: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        database.with_name(database.name + suffix).unlink(missing_ok=True)


def _logins(container: Container) -> list[tuple[str, str, str]]:
    directory = container.tenant_directory()
    platform = directory.platform_by_slug("main")
    vendor = directory.vendor_by_slug("alpine-outfitters")
    wanted = [("admin@demo.example.com", Role.SUPER_ADMIN, None, None)]
    if platform is not None:
        wanted.append(("platform@demo.example.com", Role.PLATFORM_ADMIN, platform.id, None))
    if vendor is not None:
        wanted.append(("owner@demo.example.com", Role.VENDOR_OWNER, None, vendor.id))
    logins = []
    for email, role, platform_id, vendor_id in wanted:
        password = secrets.token_urlsafe(12)
        container.tenancy.user_service().create(
            SYSTEM,
            UserCreate(
                email=email, password=password, role=role, platform_id=platform_id, vendor_id=vendor_id
            ),
        )
        logins.append((role.value, email, password))
    return logins


def _banner(base: str, logins: list[tuple[str, str, str]]) -> str:
    lines = [
        "",
        "Tessera demo: a throwaway database with demo data. Not for production.",
        f"  API docs:      {base}/schema/swagger",
        f"  OpenAPI:       {base}/schema/openapi.json",
        f"  Health:        {base}/health   Ready: {base}/ready",
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
    type=click.Path(path_type=Path),
    default=Path("tessera-demo.db"),
    show_default=True,
    help="SQLite file to recreate.",
)
@click.option("--seed", "seed_value", type=int, default=42, show_default=True)
@click.option("--orders", type=click.IntRange(0, 1_000_000), default=5000, show_default=True)
@click.option("--no-serve", is_flag=True, help="Prepare the database and print the logins, then stop.")
@pass_state
def demo(
    state: CliState, host: str, port: int, database: Path, seed_value: int, orders: int, no_serve: bool
) -> None:
    """Migrate a fresh SQLite file, seed it, create demo logins and serve."""
    loaded = _demo_settings(state.settings(), database.resolve())
    _fresh(database.resolve())
    container = bootstrap(loaded)
    engine = container.engine()
    modules = container.enabled_modules()
    upgrade(engine, modules)
    counts = seed_database(
        engine, modules, seed=seed_value, size=SeedSize(orders=orders), now=container.clock().now()
    )
    rebuild_figures(container)
    click.echo("seeded " + ", ".join(f"{count} {kind}" for kind, count in counts.items()))
    click.echo(_banner(f"http://{host}:{port}", _logins(container)))
    if no_serve:
        container.shutdown_resources()
        return
    run_server(container, host, port, workers=1, settings_path=None)
