"""The `tessera` command line on a real SQLite file: what an operator types, what they read back."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import create_engine, text

from adapters.bootstrap import bootstrap
from adapters.cli.main import cli
from adapters.settings_file import load_settings
from kernel.identity import SYSTEM


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    path = tmp_path / "settings.yaml"
    path.write_text(f"database:\n  url: sqlite:///{tmp_path / 'cli.db'}\n")
    return path


def run(settings_file: Path, *arguments: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, ["--settings", str(settings_file), *arguments], env=env or {})


@pytest.fixture
def seeded(settings_file: Path) -> Path:
    assert run(settings_file, "db", "upgrade").exit_code == 0
    result = run(settings_file, "seed", "--seed", "7", "--vendors", "6", "--orders", "400")
    assert result.exit_code == 0, result.output
    return settings_file


def test_db_upgrade_reports_each_module_and_is_idempotent(settings_file: Path) -> None:
    first = run(settings_file, "db", "upgrade")
    assert first.exit_code == 0
    lines = first.output.splitlines()
    assert lines[0] == "tenancy: empty -> tenancy_0008"  # the core module first, at its newest revision
    assert "orders: empty -> orders_0012" in lines
    heads = dict(line.split(": empty -> ") for line in lines)
    second = run(settings_file, "db", "upgrade")
    assert second.output.splitlines() == [f"{code}: already at {head}" for code, head in heads.items()]
    status = run(settings_file, "db", "status")
    assert status.output.splitlines() == [f"{code}: {head}, up to date" for code, head in heads.items()]


def test_db_fold_folds_every_delta_and_says_how_many(seeded: Path, tmp_path: Path) -> None:
    """A seed rebuilds the ledger, which leaves no deltas; two written by hand (adding nothing) are
    folded once, and no figure changes."""

    def categories() -> Any:
        return json.loads(run(seeded, "stats", "platform", "main", "--json").output)["categories"]

    before = categories()
    assert run(seeded, "db", "fold").output == "0 ledger changes folded\n"
    engine = create_engine(f"sqlite:///{tmp_path / 'cli.db'}")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO figure_deltas (scope, owner_id, key, day, value) "
                "VALUES ('p', 1, 'orders.count', NULL, 0), ('p', 1, 'orders.count', '2026-01-01', 0)"
            )
        )
    engine.dispose()
    assert run(seeded, "db", "fold").output == "2 ledger changes folded\n"
    assert run(seeded, "db", "fold").output == "0 ledger changes folded\n"
    assert categories() == before


def test_seed_is_deterministic(seeded: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.yaml"
    other.write_text(f"database:\n  url: sqlite:///{tmp_path / 'other.db'}\n")
    run(other, "db", "upgrade")
    assert run(other, "seed", "--seed", "7", "--vendors", "6", "--orders", "400").exit_code == 0

    def totals(settings: Path) -> dict:
        dashboard = json.loads(run(settings, "stats", "platform", "main", "--json").output)
        return {
            m["key"]: m["value"]
            for c in dashboard["categories"].values()
            for m in c
            if "period" not in m["key"]
        }

    assert totals(seeded) == totals(other)
    assert totals(seeded)["orders.total"] > 0


def test_seed_at_a_scale_makes_its_volumes(settings_file: Path) -> None:
    run(settings_file, "db", "upgrade")
    result = run(settings_file, "seed", "--scale", "small", "--seed", "3")
    assert result.exit_code == 0, result.output
    listed = result.output.splitlines()[-1].removeprefix("seeded ").split(", ")
    counts = {kind: number for number, kind in (part.split(" ", 1) for part in listed)}
    assert (counts["platforms"], counts["vendors"], counts["orders"], counts["customers"]) == (
        "3",
        "10",
        "10000",
        "2000",
    )
    dashboard = json.loads(run(settings_file, "stats", "platform", "main", "--period", "2y", "--json").output)
    figures = {m["key"]: m["value"] for c in dashboard["categories"].values() for m in c}
    assert 0 < figures["orders.total"] < 10000  # the main platform's vendors, not all of them


def test_a_scale_and_an_explicit_volume_combine(settings_file: Path) -> None:
    run(settings_file, "db", "upgrade")
    result = run(settings_file, "seed", "--scale", "small", "--orders", "500")
    assert result.exit_code == 0, result.output
    assert "10 vendors" in result.output
    assert "500 orders" in result.output


def test_seeding_a_seeded_database_with_other_options_is_refused(seeded: Path) -> None:
    again = run(seeded, "seed")
    assert again.exit_code == 2
    assert (
        "error: this database was seeded with --seed 7 --platforms 3 --vendors 6 --orders 400" in again.output
    )


def test_seeding_again_with_the_same_options_only_reports(seeded: Path) -> None:
    again = run(seeded, "seed", "--seed", "7", "--vendors", "6", "--orders", "400")
    assert again.exit_code == 0
    assert "seeded 3 platforms, 6 vendors" in again.output
    assert "400 orders" in again.output


def test_stats_as_json_is_the_api_shape(seeded: Path) -> None:
    result = run(seeded, "stats", "vendor", "alpine-outfitters", "--period", "90d", "--trends", "--json")
    assert result.exit_code == 0, result.output
    dashboard = json.loads(result.output)
    assert set(dashboard) == {
        "vendor_id",
        "period",
        "timezone",
        "currency",
        "generated_at",
        "read_from",
        "fresh_as_of",
        "categories",
        "unavailable",
        "stale",
        "age_s",
    }
    assert (dashboard["stale"], dashboard["age_s"], dashboard["timezone"]) == (False, None, "UTC")
    assert dashboard["read_from"] == "primary"  # a command runs no replica monitor: the primary
    assert dashboard["currency"] == "EUR"
    assert list(dashboard["categories"]) == [
        "tenancy",
        "catalog",
        "cms",
        "customers",
        "inventory",
        "marketplace",
        "orders",
    ]
    assert dashboard["period"]["name"] == "90d"
    assert dashboard["unavailable"] == []


def test_stats_as_a_table(seeded: Path) -> None:
    result = run(seeded, "stats", "platform", "main", "--trends")
    assert result.exit_code == 0
    assert "orders.total_revenue" in result.output
    assert "€" in result.output


def test_a_vendor_seen_through_a_platform_gets_that_platforms_modules(seeded: Path) -> None:
    container = bootstrap(load_settings(seeded, require_secret=False))
    try:
        outlet = container.tenant_directory().platform_by_slug("outlet")
        container.module_switches().switch(SYSTEM, outlet.id, "orders", False)
    finally:
        container.shutdown_resources()

    def categories(*options: str) -> list[str]:
        result = run(seeded, "stats", "vendor", "alpine-outfitters", "--json", *options)
        assert result.exit_code == 0, result.output
        return list(json.loads(result.output)["categories"])

    assert "orders" in categories()
    assert "orders" in categories("--platform", "main")
    assert "orders" not in categories("--platform", "outlet")
    assert "tenancy" in categories("--platform", "outlet")
    missing = run(seeded, "stats", "vendor", "alpine-outfitters", "--platform", "nowhere")
    assert (missing.exit_code, missing.output) == (2, "error: no platform with slug 'nowhere'\n")


def test_unknown_slugs_are_one_line_errors(seeded: Path) -> None:
    result = run(seeded, "stats", "vendor", "nobody")
    assert (result.exit_code, result.output) == (2, "error: no vendor with slug 'nobody'\n")


def test_users_create_makes_a_login(seeded: Path) -> None:
    result = run(
        seeded,
        "users",
        "create",
        "--email",
        "Boss@Example.com",
        "--password",
        "a long password",
        "--role",
        "super_admin",
    )
    assert result.exit_code == 0, result.output
    assert result.output.endswith("boss@example.com (super_admin)\n")
    again = run(
        seeded,
        "users",
        "create",
        "--email",
        "boss@example.com",
        "--password",
        "a long password",
        "--role",
        "super_admin",
    )
    assert again.exit_code == 2
    assert "already exists" in again.output
    vendor = run(
        seeded,
        "users",
        "create",
        "--email",
        "v@example.com",
        "--password",
        "a long password",
        "--role",
        "vendor_owner",
        "--vendor",
        "alpine-outfitters",
    )
    assert vendor.exit_code == 0, vendor.output
    short = run(
        seeded, "users", "create", "--email", "s@example.com", "--password", "short", "--role", "super_admin"
    )
    assert short.exit_code == 2
    assert "password" in short.output


def test_modules_lists_what_is_installed_and_on(settings_file: Path, tmp_path: Path) -> None:
    (tmp_path / "cli.db").touch()  # a database that exists but is not migrated yet
    result = run(settings_file, "modules", env={"TESSERA_MODULES__ORDERS__ENABLED": "false"})
    assert result.exit_code == 0
    rows = {line.split()[1]: line for line in result.output.splitlines() if line.startswith("│")}
    assert [cell.strip() for cell in rows["orders"].split("│")[3:7]] == ["no", "", "tenancy", "-"]
    assert [cell.strip() for cell in rows["tenancy"].split("│")[3:6]] == ["yes", "core", "-"]
    assert "orders" in rows["tenancy"].split("│")[6]
    assert "per-platform states not shown: migrations pending" in result.output


def test_modules_shows_each_platforms_switches(seeded: Path) -> None:
    """The seeded platforms run every optional module until one is switched off for one of them."""
    result = run(seeded, "modules")
    assert result.exit_code == 0, result.output
    platforms = result.output[result.output.index("per platform") :]
    rows = {line.split()[1]: line for line in platforms.splitlines() if line.startswith("│")}
    header = next(line for line in platforms.splitlines() if line.startswith("┃"))
    columns = [cell.strip() for cell in header.strip("┃").split("┃")]
    assert columns[0] == "platform"
    assert "orders" in columns
    assert "tenancy" not in columns  # core: never switchable, so not shown
    assert {cell.strip() for cell in rows["main"].strip("│").split("│")[1:]} == {"on"}

    container = bootstrap(load_settings(seeded, require_secret=False))
    try:
        eu = container.tenant_directory().platform_by_slug("eu-market")
        container.module_switches().switch(SYSTEM, eu.id, "orders", False)
    finally:
        container.shutdown_resources()
    platforms = run(seeded, "modules").output.split("per platform")[1]
    rows = {line.split()[1]: line for line in platforms.splitlines() if line.startswith("│")}
    cells = [cell.strip() for cell in rows["eu-market"].strip("│").split("│")]
    assert cells[columns.index("orders")] == "off"
    assert [cell.strip() for cell in rows["main"].strip("│").split("│")][columns.index("orders")] == "on"


def test_a_settings_mistake_is_one_line_without_a_traceback(settings_file: Path) -> None:
    settings_file.write_text("server:\n  port: eighty\n")
    result = run(settings_file, "db", "upgrade")
    assert result.exit_code == 2
    assert result.output == (
        f"error: Settings error in {settings_file}, key 'server.port': Expected 'int', got 'str'. "
        "Fix: give server.port a value of the expected type\n"
    )
    assert "Traceback" not in result.output


def test_serve_refuses_without_a_secret_or_an_upgraded_database(settings_file: Path) -> None:
    no_secret = run(settings_file, "serve")
    assert no_secret.exit_code == 2
    assert "key 'auth.jwt_secret': no secret is set" in no_secret.output
    (settings_file.parent / "cli.db").touch()
    not_migrated = run(settings_file, "serve", env={"TESSERA_AUTH__JWT_SECRET": "x" * 40})
    assert not_migrated.exit_code == 2
    assert "run `tessera db upgrade` first" in not_migrated.output


def test_demo_prepares_a_database_and_prints_logins(settings_file: Path, tmp_path: Path) -> None:
    database = tmp_path / "demo.db"
    result = run(settings_file, "demo", "--no-serve", "--database", str(database), "--orders", "300")
    assert result.exit_code == 0, result.output
    assert "seeded 3 platforms, 12 vendors" in result.output
    assert "super_admin     admin@demo.example.com" in result.output
    assert "/api/v1/vendor/dashboard/stats" in result.output
    hint = f"TESSERA_DATABASE__URL=sqlite:///{database} tessera --settings"  # not the settings' file
    assert hint in result.output
    assert database.exists()


def test_database_trouble_is_one_line(settings_file: Path, tmp_path: Path) -> None:
    (tmp_path / "cli.db").touch()
    not_migrated = run(settings_file, "stats", "vendor", "acme")
    assert not_migrated.exit_code == 2
    assert not_migrated.output.startswith("error: database error: ")
    assert not_migrated.output.endswith("run `tessera db upgrade` on a new database\n")
    unreachable = tmp_path / "unreachable.yaml"
    unreachable.write_text("database:\n  url: postgresql://nobody@127.0.0.1:1/nothing\n")
    status = run(unreachable, "db", "status")
    assert status.exit_code == 2
    assert status.output.startswith("error: database error: ")
    assert "Traceback" not in status.output


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("postgresql+asyncpg://x@h/db", "unsupported driver 'asyncpg'"),
        ("mysql://x@h/db", "unsupported database"),
    ],
)
def test_unsupported_urls_are_settings_errors(tmp_path: Path, url: str, problem: str) -> None:
    path = tmp_path / "settings.yaml"
    path.write_text(f"database:\n  url: {url}\n")
    result = run(path, "db", "upgrade")
    assert result.exit_code == 2
    assert f"key 'database.url': {problem}" in result.output
