"""A transaction's lock waits share one budget: two waits in a row end together at `lock_timeout_ms`.

Order A holds a row while it waits for a stalled table; order B waits for A's row, then for the
table. With PostgreSQL's per-wait bound B answered after twice the lock timeout; with the budget
(`adapters/database/lock_budget.py`) it answers at about one. A transaction that waits for no lock
is not cut, however old it is.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError

from adapters.database.engine import create_database_engine
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
