"""Real test databases: a SQLite file, and a fresh PostgreSQL database on the server named by
TESSERA_TEST_POSTGRES_URL. Without a reachable server the PostgreSQL tests are skipped with the
reason shown, unless TESSERA_REQUIRE_POSTGRES=1 (as in CI), where they fail instead."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, inspect, text
from sqlalchemy.engine import make_url

from adapters.bootstrap import bootstrap
from adapters.database.migrations import upgrade
from adapters.settings_file import settings_from_mapping
from tests.removal import module_settings

POSTGRES_URL = os.environ.get(
    "TESSERA_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
REQUIRE_POSTGRES = os.environ.get("TESSERA_REQUIRE_POSTGRES") == "1"
SECRET = "test-secret-that-is-long-enough-for-hs256-signing"


def postgres_or_skip() -> str:
    """The server URL, or skip (fail in CI) with the reason when it cannot be reached."""
    engine = create_engine(POSTGRES_URL, connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:
        reason = (
            f"PostgreSQL unreachable at {POSTGRES_URL} ({type(error).__name__}); "
            "set TESSERA_TEST_POSTGRES_URL to run these tests"
        )
        if REQUIRE_POSTGRES:
            pytest.fail(reason)
        pytest.skip(reason)
    finally:
        engine.dispose()
    return POSTGRES_URL


@contextmanager
def fresh_postgres_database() -> Iterator[str]:
    server = make_url(postgres_or_skip())
    name = f"tessera_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
"""Fixture params: every database test runs on both."""


@contextmanager
def migrated(backend: str, tmp_path_factory: pytest.TempPathFactory, **settings: Any) -> Iterator[str]:
    """A fresh database of `backend`, migrated for the modules `settings` enable; dropped afterwards."""
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'tessera.db'}"
        migrate(url, **settings)
        yield url
        return
    with fresh_postgres_database() as url:
        migrate(url, **settings)
        yield url


def empty_database(url: str) -> None:
    engine = create_engine(url)
    try:
        empty_tables(engine)
    finally:
        engine.dispose()


def migrate(url: str, **settings: Any) -> None:
    raw = {"database": {"url": url}, **module_settings(), **settings}
    container = bootstrap(settings_from_mapping(raw, require_secret=False))
    try:
        upgrade(container.engine(), container.enabled_modules())
    finally:
        container.shutdown_resources()


def empty_tables(engine: Engine) -> None:
    """Remove every row but keep the schema, so each test starts from nothing with ids from 1."""
    tables = [t for t in inspect(engine).get_table_names() if not t.startswith("alembic_version")]
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            listed = ", ".join(f'"{t}"' for t in tables)
            connection.execute(text(f"TRUNCATE {listed} RESTART IDENTITY CASCADE"))
        else:
            connection.execute(text("PRAGMA foreign_keys=OFF"))
            for table in tables:
                connection.execute(text(f'DELETE FROM "{table}"'))  # noqa: S608 - names from the schema
            connection.execute(text("PRAGMA foreign_keys=ON"))
