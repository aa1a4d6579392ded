"""CPU per request is read from the real process tree: a server that burns CPU shows it."""

from __future__ import annotations

import os
import time

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from bench.cpu import CpuTime, _spent
from tests.database import postgres_or_skip

pytestmark = pytest.mark.bench


def _burn(seconds: float) -> None:
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass


def test_the_cpu_a_server_spends_is_divided_among_its_requests() -> None:
    with CpuTime(os.getpid()) as cpu:
        _burn(0.2)
    figures = cpu.per_request(100)
    assert 2.0 <= figures["server_cpu_ms"] < 3.0  # 200 ms of CPU over 100 requests, plus this test's own
    assert figures["postgres_cpu_ms"] >= 0.0
    assert cpu.per_request(0) == {"server_cpu_ms": 0.0, "postgres_cpu_ms": 0.0}


def test_a_postgres_backend_that_exits_during_the_measurement_takes_nothing_away() -> None:
    """Another client's backend that spent CPU before the start and exits before the end: the
    figure for PostgreSQL must not go below zero (it once read -0.3 ms under the parallel suite)."""
    server_url = postgres_or_skip()
    engine = create_engine(server_url, poolclass=NullPool)
    connection = engine.connect()
    try:
        connection.execute(text("SELECT count(*) FROM generate_series(1, 300000)"))  # CPU before the start
        with CpuTime(os.getpid()) as cpu:
            connection.close()  # its backend exits with that CPU
            time.sleep(0.2)
        assert cpu.per_request(1)["postgres_cpu_ms"] >= 0.0
    finally:
        connection.close()
        engine.dispose()


def test_only_what_processes_spent_after_the_start_counts() -> None:
    before = {(1, 10.0): 5.0, (2, 11.0): 3.0}
    after = {(1, 10.0): 5.5, (3, 12.0): 0.25}  # 2 exited; 3 started in between
    assert _spent(before, after) == 0.75
    assert _spent(before, {(1, 99.0): 0.5}) == 0.5  # pid 1 used again by a new process
