"""A transaction's lock waits share one budget: two waits in a row end together at `lock_timeout_ms`.

Order A holds a row while it waits for a stalled table; order B waits for A's row, then for the
table. With PostgreSQL's per-wait bound B answered after twice the lock timeout; with the budget
(`adapters/database/lock_budget.py`) it answers at about one. A transaction that waits for no lock
is not cut, however old it is. One statement that waits twice is cancelled from the client at the
budget's end (`statement_deadlines.py`), and a request's budget runs from when it arrived.
"""

from __future__ import annotations

import contextvars
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError

from adapters.database.engine import create_database_engine
from adapters.database.lock_budget import request_arrived
from kernel.settings import DatabaseSettings
from tests.faults.conftest import FaultWorld, locked

pytestmark = pytest.mark.faults

LOCK_TIMEOUT_MS = 1000
ROW = text("SELECT id FROM platforms ORDER BY id LIMIT 1 FOR UPDATE")
TABLE = text("SELECT count(*) FROM figure_totals")


def _engine(world: FaultWorld) -> Engine:
    settings = DatabaseSettings(url=world.url, lock_timeout_ms=LOCK_TIMEOUT_MS, statement_timeout_ms=5000)
    return create_database_engine(settings)


def _row_then_table(engine: Engine, holding: threading.Event | None) -> tuple[float, str]:
    """Take the row, then read the locked table; how long it took and how it ended."""
    started = time.monotonic()
    try:
        with engine.begin() as connection:
            connection.execute(ROW)
            if holding is not None:
                holding.set()
            connection.execute(TABLE)
        return time.monotonic() - started, "done"
    except OperationalError as error:
        return time.monotonic() - started, str(error.orig).splitlines()[0]


def test_two_lock_waits_in_one_transaction_end_within_one_lock_timeout(fault_world: FaultWorld) -> None:
    engine = _engine(fault_world)
    try:
        with locked(fault_world, "figure_totals"), ThreadPoolExecutor(2) as pool:
            holding = threading.Event()
            first = pool.submit(_row_then_table, engine, holding)
            assert holding.wait(5)
            time.sleep(0.2)  # B starts waiting for A's row well after A began waiting for the table
            took_s, ended = pool.submit(_row_then_table, engine, None).result(timeout=10)
            assert first.result(timeout=10)[1] == "canceling statement due to lock timeout"
        assert ended == "canceling statement due to lock timeout"
        assert took_s < LOCK_TIMEOUT_MS / 1000 + 0.4  # one budget; per wait it took 1.8 s
    finally:
        engine.dispose()


def test_an_old_transaction_that_waits_for_no_lock_is_not_cut(fault_world: FaultWorld) -> None:
    engine = _engine(fault_world)
    try:
        with engine.begin() as connection:
            connection.execute(text("SELECT pg_sleep(1.2)"))  # older than the budget, waiting for nobody
            assert connection.execute(ROW).scalar() is not None
            assert connection.execute(TABLE).scalar() is not None
            assert connection.execute(text("SHOW lock_timeout")).scalar() == "1ms"
    finally:
        engine.dispose()


def test_a_transaction_whose_server_went_away_still_rolls_back(fault_world: FaultWorld) -> None:
    """The budget's bookkeeping must not touch a connection the server ended: it once turned the
    503 of a restart into a 500 (PendingRollbackError from the rollback's event)."""
    engine = _engine(fault_world)
    try:
        with engine.connect() as connection:
            connection.begin()
            pid = connection.execute(text("SELECT pg_backend_pid()")).scalar()
            with engine.connect() as other:
                other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
            with pytest.raises(OperationalError):
                connection.execute(text("SELECT 1"))
            connection.rollback()
        with engine.connect() as connection:
            assert connection.execute(text("SELECT 1")).scalar() == 1
    finally:
        engine.dispose()


def test_one_statement_that_waits_twice_is_cancelled_at_the_budget(fault_world: FaultWorld) -> None:
    """It waits for row 1's holder until that one gives up, then for row 2's: two waits of up to
    `lock_timeout` each for the server, which alone ended it after 1.9 s."""
    engine = _engine(fault_world)
    rows = text("SELECT k FROM lock_chain ORDER BY k FOR UPDATE")
    try:
        with engine.begin() as connection:
            connection.execute(text("CREATE TABLE lock_chain (k int PRIMARY KEY)"))
            connection.execute(text("INSERT INTO lock_chain VALUES (1), (2)"))
        with engine.connect() as first, engine.connect() as second, ThreadPoolExecutor(1) as pool:
            first.begin()
            first.execute(text("SELECT k FROM lock_chain WHERE k = 1 FOR UPDATE"))
            second.begin()
            second.execute(text("SELECT k FROM lock_chain WHERE k = 2 FOR UPDATE"))

            def both_rows() -> tuple[float, str]:
                started = time.monotonic()
                try:
                    with engine.begin() as connection:
                        connection.execute(rows)
                    return time.monotonic() - started, "done"
                except OperationalError as error:
                    return time.monotonic() - started, str(error.orig).splitlines()[0]

            waiting = pool.submit(both_rows)
            time.sleep(0.7)
            first.rollback()  # row 1 is free: the statement goes on to wait for row 2
            took_s, ended = waiting.result(timeout=10)
            second.rollback()
        assert ended == "canceling statement due to user request"
        assert LOCK_TIMEOUT_MS / 1000 <= took_s < LOCK_TIMEOUT_MS / 1000 + 0.4
    finally:
        with engine.begin() as connection:
            connection.execute(text("DROP TABLE IF EXISTS lock_chain"))
        engine.dispose()


def test_a_requests_budget_runs_from_its_arrival(fault_world: FaultWorld) -> None:
    """A request that arrived 0.8 s before its transaction began has 0.2 s left to wait for locks."""
    engine = _engine(fault_world)

    def late_write() -> tuple[float, str]:
        request_arrived(time.monotonic() - 0.8)
        return _row_then_table(engine, None)

    try:
        with locked(fault_world, "figure_totals"):
            took_s, ended = contextvars.copy_context().run(late_write)
        assert ended == "canceling statement due to lock timeout"
        assert took_s < 0.2 + 0.15
    finally:
        engine.dispose()
