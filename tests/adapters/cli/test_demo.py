"""`tessera demo` cannot lose data: a second run keeps the first one's database, a served database is
never reset, the CLI reads the demo's database with no variable set, and reading never creates one.

Real SQLite files in `tmp_path`, the real CLI through click's runner, and once a real demo server in a
subprocess, because what must hold is what two terminals do to each other.
"""

from __future__ import annotations

import hashlib
import re
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner, Result

from adapters.bootstrap import bootstrap
from adapters.cli.demo_database import mark_demo
from adapters.cli.main import cli
from adapters.cli.serving_lock import holding
from adapters.database.migrations import upgrade
from adapters.settings_file import load_settings

DEMO_LOGINS = ("admin@demo.example.com", "platform@demo.example.com", "owner@demo.example.com")
MISSING = "run `make demo` or `tessera db upgrade` first"


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    path = tmp_path / "settings.yaml"
    path.write_text(f"database:\n  url: sqlite:///{tmp_path / 'tessera.db'}\n")
    return path


@pytest.fixture
def database(tmp_path: Path) -> Path:
    return tmp_path / "tessera.db"


def run(settings_file: Path, *arguments: str) -> Result:
    return CliRunner().invoke(cli, ["--settings", str(settings_file), *arguments])


def demo(settings_file: Path, *options: str) -> Result:
    return run(settings_file, "demo", "--no-serve", "--orders", "120", *options)


def rows(database: Path) -> dict[str, int]:
    """Exact counts of what a reset or a reseed would change."""
    with sqlite3.connect(database) as connection:
        return {
            table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608 - fixed names
            for table in ("platforms", "vendors", "users", "orders", "customers")
        }


def hashes(database: Path) -> list[tuple[str, str]]:
    """The demo logins' password hashes: what the demo changes on a kept database, and nothing else."""
    with sqlite3.connect(database) as connection:
        query = "SELECT email, password_hash FROM users WHERE email IN (?, ?, ?) ORDER BY email"
        return connection.execute(query, DEMO_LOGINS).fetchall()


def digest(database: Path) -> str:
    return hashlib.sha256(database.read_bytes()).hexdigest()


def printed_passwords(output: str) -> dict[str, str]:
    return dict(re.findall(r"^  \w+ +(\S+@demo\.example\.com) +(\S+)$", output, re.MULTILINE))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def add_a_user(settings_file: Path) -> None:
    user = ["--email", "mine@example.com", "--password", "a long password", "--role", "vendor_owner"]
    made = run(settings_file, "users", "create", *user, "--vendor", "alpine-outfitters")
    assert made.exit_code == 0, made.output


@pytest.fixture
def served_demo(settings_file: Path, tmp_path: Path) -> Iterator[tuple[int, str, subprocess.Popen[bytes]]]:
    """A real `tessera demo` serving in another process: (port, what it printed, the process)."""
    port, log = free_port(), tmp_path / "demo.log"
    tessera = Path(sys.executable).with_name("tessera")
    command = [str(tessera), "--settings", str(settings_file), "demo", "--port", str(port), "--orders", "120"]
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=tmp_path)  # noqa: S603
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        assert process.poll() is None, log.read_text()
        yield port, log.read_text(), process
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_a_second_demo_refuses_while_the_first_serves_and_changes_nothing(
    settings_file: Path, database: Path, served_demo: tuple[int, str, subprocess.Popen[bytes]]
) -> None:
    port, printed, process = served_demo
    before, logins = rows(database), hashes(database)
    assert before["orders"] == 120
    assert before["users"] == 27  # 24 seeded, 3 demo logins

    for options in ([], ["--fresh"], ["--port", str(port + 1)], ["--no-serve"], ["--remove"]):
        again = run(settings_file, "demo", *options)
        assert again.exit_code == 2
        assert again.output == (
            f"error: {database} is in use by tessera demo serving http://127.0.0.1:{port} "
            f"(pid {process.pid}): "
            "use that one, or stop it (Ctrl+C where it runs) and run the demo again; "
            "--database other.db --port 8001 runs a second demo in a file of its own\n"
        )
    assert (rows(database), hashes(database)) == (before, logins)
    password = printed_passwords(printed)["owner@demo.example.com"]
    signed_in = httpx.post(
        f"http://127.0.0.1:{port}/api/v1/auth/token",
        json={"email": "owner@demo.example.com", "password": password},
        timeout=10,
    )
    assert signed_in.status_code == 200, signed_in.text  # the printed password still works


def test_serve_and_demo_exclude_each_other_but_servers_share(settings_file: Path, database: Path) -> None:
    assert demo(settings_file).exit_code == 0
    before = rows(database)
    with (
        holding(database, "tessera serve at http://127.0.0.1:18150", alone=False, fix="stop it first"),
        holding(database, "tessera serve at http://127.0.0.1:18151", alone=False, fix="stop it first"),
    ):
        refused = demo(settings_file)
    assert refused.exit_code == 2
    assert refused.output.startswith(f"error: {database} is in use by tessera serve at http://127.0.0.1:1815")
    assert rows(database) == before
    secret = {"TESSERA_AUTH__JWT_SECRET": "x" * 40}
    with holding(database, "tessera demo serving http://127.0.0.1:18152", alone=True, fix="-"):
        served = CliRunner().invoke(cli, ["--settings", str(settings_file), "serve"], env=secret)
    assert served.exit_code == 2
    assert "is in use by tessera demo serving http://127.0.0.1:18152" in served.output
    assert served.output.endswith(": stop it first\n")


def test_rerunning_the_demo_keeps_what_was_done_in_it(settings_file: Path, database: Path) -> None:
    first = demo(settings_file)
    assert first.exit_code == 0, first.output
    assert first.output.startswith("seeded 3 platforms, 12 vendors")
    add_a_user(settings_file)
    before, logins = rows(database), hashes(database)

    second = demo(settings_file, "--seed", "9", "--orders", "7")  # options for a new database only
    assert second.exit_code == 0, second.output
    assert second.output.startswith(f"kept the demo database {database} and everything done in it")
    assert rows(database) == before
    assert before["users"] == 28  # the user added in between is still there
    renewed_hashes = hashes(database)
    assert [email for email, _ in renewed_hashes] == sorted(DEMO_LOGINS)
    assert all(new != old for new, old in zip(renewed_hashes, logins, strict=True))  # only their passwords

    stats = run(settings_file, "stats", "vendor", "alpine-outfitters", "--json")
    assert stats.exit_code == 0, stats.output
    renewed = printed_passwords(second.output)
    assert set(renewed) == set(DEMO_LOGINS)
    assert renewed != printed_passwords(first.output)


def test_the_new_passwords_sign_in(settings_file: Path, database: Path) -> None:
    """The banner's passwords are the ones the database checks, on the first run and on a kept one."""
    for _run in ("new", "kept"):
        result = demo(settings_file)
        assert result.exit_code == 0, result.output
        container = bootstrap(load_settings(settings_file, require_secret=False))
        try:
            service = container.tenancy.user_service()
            for email, password in printed_passwords(result.output).items():
                assert service.authenticate(email, password).user_id > 0
        finally:
            container.shutdown_resources()


def test_fresh_starts_over(settings_file: Path, database: Path) -> None:
    assert demo(settings_file).exit_code == 0
    add_a_user(settings_file)
    fresh = demo(settings_file, "--fresh")
    assert fresh.exit_code == 0, fresh.output
    assert fresh.output.startswith("seeded 3 platforms")
    assert rows(database)["users"] == 27


def test_stats_right_after_the_demo_needs_no_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No settings file, no variable: the built-in defaults name ./tessera.db for the demo and the CLI."""
    monkeypatch.chdir(tmp_path)
    for variable in ("TESSERA_SETTINGS", "TESSERA_DATABASE__URL"):
        monkeypatch.delenv(variable, raising=False)
    made = CliRunner().invoke(cli, ["demo", "--no-serve", "--orders", "120"])
    assert made.exit_code == 0, made.output
    assert "  CLI:           tessera stats vendor alpine-outfitters\n" in made.output
    stats = CliRunner().invoke(cli, ["stats", "vendor", "alpine-outfitters"])
    assert stats.exit_code == 0, stats.output
    assert "orders.total_revenue" in stats.output
    assert sorted(path.name for path in tmp_path.iterdir()) == ["tessera.db", "tessera.db.lock"]


@pytest.mark.parametrize(
    "command",
    [
        ["modules"],
        ["stats", "vendor", "alpine-outfitters"],
        ["stats", "platform", "main"],
        ["db", "status"],
        ["db", "rebuild-ledger"],
        ["seed"],
    ],
)
def test_commands_that_use_a_database_never_create_one(
    settings_file: Path, database: Path, command: list[str]
) -> None:
    result = run(settings_file, *command)
    assert (result.exit_code, result.output) == (2, f"error: no database at {database}: {MISSING}\n")
    assert sorted(path.name for path in settings_file.parent.iterdir()) == ["settings.yaml"]


def test_a_port_in_use_is_refused_before_the_database_is_touched(settings_file: Path, database: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        nothing_yet = run(settings_file, "demo", "--port", str(port))
        assert nothing_yet.exit_code == 2
        assert nothing_yet.output == (
            f"error: port {port} on 127.0.0.1 is already in use: stop what serves there, "
            f"or pass --port {port + 1}\n"
        )
        assert not database.exists()
        assert demo(settings_file).exit_code == 0
        before, logins = digest(database), hashes(database)
        for options in ([], ["--fresh"]):
            again = run(settings_file, "demo", "--port", str(port), *options)
            assert again.exit_code == 2
            assert "is already in use" in again.output
        assert (digest(database), hashes(database)) == (before, logins)


def test_a_database_the_demo_did_not_make_is_never_touched(settings_file: Path, database: Path) -> None:
    assert run(settings_file, "db", "upgrade").exit_code == 0
    add_a_user_first = run(settings_file, "seed", "--vendors", "2", "--orders", "10")
    assert add_a_user_first.exit_code == 0, add_a_user_first.output
    before = digest(database)
    for options in ([], ["--fresh"], ["--remove"]):
        refused = run(settings_file, "demo", "--no-serve", *options)
        assert refused.exit_code == 2
        assert refused.output == (
            f"error: {database} holds a database the demo did not make, and the demo never touches one: "
            "pass --database demo.db to run the demo in a file of its own\n"
        )
    assert digest(database) == before


def test_remove_deletes_the_demo_database_and_its_lock(settings_file: Path, database: Path) -> None:
    assert demo(settings_file).exit_code == 0
    removed = run(settings_file, "demo", "--remove")
    assert (removed.exit_code, removed.output) == (0, f"removed the demo database {database}\n")
    assert sorted(path.name for path in settings_file.parent.iterdir()) == ["settings.yaml"]
    again = run(settings_file, "demo", "--remove")
    assert (again.exit_code, again.output) == (0, f"no demo database at {database}\n")


def test_an_empty_file_becomes_the_demo_database(settings_file: Path, database: Path) -> None:
    """Earlier versions left an empty tessera.db behind: there is nothing in it to lose."""
    database.touch()
    made = demo(settings_file)
    assert made.exit_code == 0, made.output
    assert rows(database)["orders"] == 120


def test_an_interrupted_first_run_is_finished_on_the_next(settings_file: Path, database: Path) -> None:
    """Stopped after marking and before seeding (Ctrl+C while seeding): the next run seeds, not refuses."""
    container = bootstrap(load_settings(settings_file, require_secret=False))
    try:
        upgrade(container.engine(), container.enabled_modules())
        mark_demo(container.engine(), seed=42, orders=120, now=container.clock().now())
    finally:
        container.shutdown_resources()
    finished = demo(settings_file, "--orders", "9")  # the recorded options win: same data as meant
    assert finished.exit_code == 0, finished.output
    assert finished.output.startswith("seeded 3 platforms")
    assert rows(database)["orders"] == 120
    kept = demo(settings_file)
    assert kept.output.startswith("kept the demo database")


def test_the_demo_wants_a_file_when_the_settings_name_postgresql(tmp_path: Path) -> None:
    settings = tmp_path / "settings.yaml"
    settings.write_text("database:\n  url: postgresql+psycopg://nobody@127.0.0.1:1/nothing\n")
    refused = run(settings, "demo", "--no-serve")
    assert refused.exit_code == 2
    assert refused.output == (
        f"error: the demo runs on a SQLite file, and database.url in {settings} names another database: "
        "pass --database demo.db\n"
    )
    assert sorted(path.name for path in tmp_path.iterdir()) == ["settings.yaml"]
