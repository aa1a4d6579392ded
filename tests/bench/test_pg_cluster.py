"""The throwaway cluster fault tests use: it starts, stops, comes back, and pauses what it is told."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor, wait

import psycopg
import pytest

from bench.pg_cluster import TemporaryCluster, server_programs

pytestmark = pytest.mark.skipif(
    server_programs() is None and not os.environ.get("TESSERA_REQUIRE_POSTGRES"),
    reason="PostgreSQL's server programs are not installed",
)


def _answer(cluster: TemporaryCluster) -> int:
    dsn = f"host=127.0.0.1 port={cluster.port} user=postgres dbname={cluster.database} connect_timeout=2"
    with psycopg.connect(dsn) as connection:
        row = connection.execute("SELECT 41 + 1").fetchone()
    assert row is not None
    return int(row[0])


def test_the_cluster_stops_restarts_and_is_gone_after_close() -> None:
    with TemporaryCluster() as cluster:
        assert _answer(cluster) == 42
        cluster.stop()
        with pytest.raises(psycopg.OperationalError):
            _answer(cluster)
        cluster.start()
        assert _answer(cluster) == 42
        root = cluster.url
    assert root.endswith(f":{cluster.port}/tessera")
    with pytest.raises(psycopg.OperationalError):
        _answer(cluster)


def test_a_paused_backend_answers_nothing_until_resumed() -> None:
    with TemporaryCluster() as cluster:
        dsn = f"host=127.0.0.1 port={cluster.port} user=postgres dbname=tessera application_name=victim"
        with psycopg.connect(dsn, autocommit=True) as victim, ThreadPoolExecutor(1) as pool:
            pids = cluster.backend_pids("victim")
            assert len(pids) == 1
            cluster.pause_backends(pids)
            asked = pool.submit(lambda: victim.execute("SELECT 7").fetchone())
            done, _ = wait([asked], timeout=0.5)
            assert not done
            cluster.resume_backends(pids)
            assert asked.result(timeout=5) == (7,)
