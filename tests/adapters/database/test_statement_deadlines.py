"""The client-side bound on statements: one still running past it is cut, one merely left armed is not.

The server here is healthy, so the statement that runs too long is one the server was not asked to
end (no `statement_timeout` on the engine): from the client's side that is what a paused backend
looks like. Pausing backends is for the fault tests' own cluster (tests/faults).
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import OperationalError

from adapters.database.statement_bounds import bound_statements
from adapters.database.statement_deadlines import StatementDeadlines
from tests.database import postgres_or_skip

pytestmark = pytest.mark.postgres

LIMIT_S = 0.3


@pytest.fixture
def engine() -> Iterator[Engine]:
    engine = create_engine(postgres_or_skip(), pool_size=2)
    bound_statements(engine, statement_limit_s=LIMIT_S, lock_timeout_ms=None)
    yield engine
    engine.dispose()


def test_a_statement_past_the_bound_is_cut_and_the_pool_serves_on(engine: Engine) -> None:
    started = time.monotonic()
    with (
        pytest.raises(OperationalError, match="server closed the connection"),
        engine.connect() as connection,
    ):
        connection.execute(text("SELECT pg_sleep(10)"))
    assert time.monotonic() - started < LIMIT_S + 1
    with engine.connect() as connection:  # the cut connection was discarded, not lent again
        assert connection.execute(text("SELECT 1")).scalar() == 1
    assert engine.pool.checkedout() == 0  # type: ignore[attr-defined]


def test_a_connection_armed_but_idle_is_left_alone(engine: Engine) -> None:
    """Armed by a commit that finished long ago, say: libpq says no command runs, so nothing is cut."""
    deadlines = StatementDeadlines(engine, LIMIT_S)
    with engine.connect() as connection:
        deadlines.arm(connection.connection.dbapi_connection)
        time.sleep(LIMIT_S + 0.3)
        assert connection.execute(text("SELECT 1")).scalar() == 1


def test_statements_within_the_bound_are_untouched(engine: Engine) -> None:
    with engine.connect() as connection:
        for _ in range(3):
            assert connection.execute(text("SELECT pg_sleep(0.1), 1")).all() == [("", 1)]
        time.sleep(LIMIT_S + 0.2)  # idle past the bound after its last statement
        assert connection.execute(text("SELECT 2")).scalar() == 2
