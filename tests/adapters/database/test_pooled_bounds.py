"""With `database.transaction_pooling`, bounds come per transaction and nothing is prepared.

pgbouncer itself is in the multi-node harness (tests/cluster/test_pgbouncer.py); here the engine
talks to PostgreSQL directly, which shows what it sends: no `options` at connect, the bounds inside
each transaction and not outside it, and nothing sent when the role's defaults already hold.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

import msgspec
import psycopg
import pytest
from sqlalchemy import Connection, Engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from adapters.change_notices.postgres import postgres_connector
from adapters.database.engine import create_database_engine
from kernel.settings import DatabaseSettings
from tests.database import postgres_or_skip

pytestmark = pytest.mark.postgres

_ROLE = "tessera_pooled_bounds_test"


def _settings(url: str, **changes: object) -> DatabaseSettings:
    base = DatabaseSettings(url=url, transaction_pooling=True, statement_timeout_ms=4000, lock_timeout_ms=300)
    return msgspec.structs.replace(base, **changes)


@pytest.fixture
def pooled() -> Iterator[Engine]:
    engine = create_database_engine(_settings(postgres_or_skip()))
    yield engine
    engine.dispose()


@pytest.fixture
def role_url() -> str:
    """A role whose defaults are the bounds already (`ALTER ROLE … SET`), as the README suggests."""
    url = postgres_or_skip()
    server = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(server, autocommit=True) as db:
        created = f"CREATE ROLE {_ROLE} LOGIN"
        db.execute(f"DO $$ BEGIN {created}; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
        db.execute(f"ALTER ROLE {_ROLE} SET statement_timeout = 4000")
        db.execute(f"ALTER ROLE {_ROLE} SET lock_timeout = 300")
    return make_url(url).set(username=_ROLE).render_as_string(hide_password=False)


@contextmanager
def _sent(connection: Connection) -> Iterator[list[str]]:
    """The statements the driver sent on `connection` within the block, read from libpq's own trace
    of the protocol (the bounds are sent below SQLAlchemy's events, so only the wire shows them)."""
    dbapi = connection.connection.dbapi_connection
    assert dbapi is not None
    sent: list[str] = []
    with tempfile.TemporaryFile("w+") as trace:
        dbapi.pgconn.trace(trace.fileno())
        try:
            yield sent
        finally:
            dbapi.pgconn.untrace()
        trace.seek(0)
        for line in trace:
            fields = line.split("\t")
            if len(fields) > 4 and fields[1] == "F" and fields[3] in ("Query", "Parse"):
                sent.append(re.findall(r'"((?:[^"]|"")*)"', fields[4])[-1])


def test_a_transaction_runs_under_the_bounds_and_the_session_carries_none(pooled: Engine) -> None:
    with pooled.connect() as connection:
        dbapi = connection.connection.dbapi_connection
        assert dbapi is not None
        assert dbapi.prepare_threshold is None
        with connection.begin():
            inside = connection.execute(text("SELECT current_setting('statement_timeout'), "
                                             "current_setting('lock_timeout')")).one()  # fmt: skip
        assert tuple(inside) == ("4s", "300ms")
        connection.commit()
        autocommit = connection.execution_options(isolation_level="AUTOCOMMIT")
        assert autocommit.execute(text("SHOW statement_timeout")).scalar() == "0"  # set LOCAL only


def test_one_statement_sets_both_bounds_once_per_transaction(pooled: Engine) -> None:
    with pooled.connect() as connection, _sent(connection) as sent, connection.begin():
        for _ in range(3):
            connection.execute(text("SELECT 1"))
    assert sent == [
        "BEGIN",
        "SELECT set_config('statement_timeout', '4000', true), set_config('lock_timeout', '300', true)",
        "SELECT 1",
        "SELECT 1",
        "SELECT 1",
        "COMMIT",
    ]


def test_a_lock_wait_ends_at_the_lock_timeout(pooled: Engine) -> None:
    with pooled.begin() as holder:
        holder.execute(text("CREATE TEMPORARY TABLE IF NOT EXISTS pooled_lock (id int)"))
        holder.execute(text("SELECT pg_advisory_xact_lock(4242)"))
        with pytest.raises(OperationalError) as caught, pooled.begin() as waiter:
            waiter.execute(text("SELECT pg_advisory_xact_lock(4242)"))
    assert caught.value.orig is not None
    assert getattr(caught.value.orig, "sqlstate", None) == "55P03"  # lock_not_available


def test_nothing_is_sent_when_the_roles_defaults_are_the_bounds(role_url: str) -> None:
    engine = create_database_engine(_settings(role_url))
    try:
        with engine.connect() as connection, _sent(connection) as sent, connection.begin():
            shown = connection.execute(text("SELECT current_setting('statement_timeout')")).scalar()
        assert (shown, sent) == ("4s", ["BEGIN", "SELECT current_setting('statement_timeout')", "COMMIT"])
    finally:
        engine.dispose()


def test_batch_commands_lift_the_roles_bounds(role_url: str) -> None:
    engine = create_database_engine(_settings(role_url).for_batch())
    try:
        with engine.begin() as connection:
            shown = connection.execute(text("SELECT current_setting('statement_timeout')")).scalar()
        assert shown == "0"
    finally:
        engine.dispose()


def test_the_change_notices_connection_sends_no_options_and_prepares_nothing() -> None:
    url = make_url(postgres_or_skip())
    connection = postgres_connector(url, "tessera-notices", 5, pooled=True)()
    try:
        assert connection.prepare_threshold is None
        assert connection.execute("SHOW statement_timeout").fetchone() == ("0",)
    finally:
        connection.close()
