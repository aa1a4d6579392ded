"""CPU per request is read from the real process tree: a server that burns CPU shows it."""

from __future__ import annotations

import os
import time

import pytest

from bench.cpu import CpuTime

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
