"""`database.read_url` names a PostgreSQL replica of a PostgreSQL primary, or start-up stops with a
sentence naming the key and what to do."""

from __future__ import annotations

from typing import Any

import pytest

from adapters.bootstrap import bootstrap
from adapters.settings_file import settings_from_mapping
from kernel.errors import SettingsError
from tests.database import SECRET

PRIMARY = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def _refused(database: dict[str, Any]) -> SettingsError:
    settings = settings_from_mapping({"database": database, "auth": {"jwt_secret": SECRET}}, source="s.yaml")
    with pytest.raises(SettingsError) as caught:
        bootstrap(settings)
    return caught.value


def test_a_read_url_beside_a_sqlite_url_is_refused() -> None:
    error = _refused({"url": "sqlite:///tessera.db", "read_url": PRIMARY})
    assert str(error) == (
        "Settings error in s.yaml, key 'database.read_url': a replica to read from needs database.url "
        "on PostgreSQL, and it names a SQLite file. Fix: leave database.read_url empty with SQLite, or "
        "move database.url to PostgreSQL"
    )


def test_a_sqlite_read_url_is_refused() -> None:
    error = _refused({"url": PRIMARY, "read_url": "sqlite:///replica.db"})
    assert error.key == "database.read_url"
    assert error.problem == (
        "dashboards can read only from a PostgreSQL replica, and this names a sqlite database"
    )
    assert error.fix.startswith("name a streaming replica of database.url")


def test_a_read_url_that_is_no_url_is_refused_naming_its_key() -> None:
    error = _refused({"url": PRIMARY, "read_url": "replica:5432"})
    assert (error.key, error.problem) == ("database.read_url", "'replica:5432' is not a database URL")


def test_the_bounds_of_the_replica_settings_are_checked() -> None:
    with pytest.raises(SettingsError) as caught:
        settings_from_mapping({"database": {"replica_max_lag_ms": 10}}, source="s.yaml")
    assert caught.value.key == "database.replica_max_lag_ms"
    with pytest.raises(SettingsError) as caught:
        settings_from_mapping({"database": {"read_your_writes_wait_ms": -1}}, source="s.yaml")
    assert caught.value.key == "database.read_your_writes_wait_ms"


def test_without_a_read_url_nothing_of_the_replica_is_built() -> None:
    container = bootstrap(settings_from_mapping({"auth": {"jwt_secret": SECRET}}))
    assert (container.replica_engine(), container.replica_monitor(), container.written_positions()) == (
        None,
        None,
        None,
    )
    assert container.read_router().replica_state() is None
    container.shutdown_resources()
