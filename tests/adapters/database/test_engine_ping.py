"""A pooled PostgreSQL connection the server closed: replaced unseen after it sat idle, or failing
its one statement, then replaced, when it was in use a moment before (the cost of not pinging)."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import OperationalError

from adapters.database.engine import create_database_engine
from kernel.settings import DatabaseSettings
from tests.database import postgres_or_skip

IDLE_S = 0.2


@pytest.fixture
def engine() -> Iterator[Engine]:
    engine = create_database_engine(
        DatabaseSettings(url=postgres_or_skip(), pool_size=1), ping_after_idle_s=IDLE_S
    )
    yield engine
    engine.dispose()


def _backend(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.scalar(text("SELECT pg_backend_pid()")) or 0)


def _terminate(pid: int) -> None:
    admin = create_engine(postgres_or_skip(), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            assert connection.scalar(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid}) is True
    finally:
        admin.dispose()


def test_a_connection_closed_while_idle_is_replaced_without_an_error(engine: Engine) -> None:
    first = _backend(engine)
    _terminate(first)
    time.sleep(IDLE_S * 2)
    second = _backend(engine)  # pinged, found dead, reconnected: the statement never sees it
    assert second not in (0, first)


def test_a_connection_used_a_moment_ago_is_not_pinged(engine: Engine) -> None:
    first = _backend(engine)
    pooled = engine.pool.status()
    _terminate(first)
    with pytest.raises(OperationalError) as failure:
        _backend(engine)  # used as is: the one statement fails…
    assert failure.value.connection_invalidated is True
    second = _backend(engine)  # …and the pool has reconnected for the next
    assert second not in (0, first)
    assert engine.pool.status() == pooled
