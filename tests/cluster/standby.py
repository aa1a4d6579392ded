"""A streaming replica of a throwaway primary: `pg_basebackup -R` into a folder of its own.

The copy carries the primary's settings and, with `-R`, the `primary_conninfo` and `standby.signal`
that make it follow the primary; `-C -S` creates the physical replication slot that keeps the WAL
the replica still needs while it is down (killed mid-run, say), so it catches up when started again.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

import psycopg

from bench.pg_cluster import ClusterError, run_server_program
from bench.processes import free_port

__all__ = ("REPLICA_MAX_LAG_MS", "SLOT", "Standby", "streaming_standbys")

SLOT = "tessera_replica"
REPLICA_MAX_LAG_MS = 1000
"""The nodes skip the replica past a second's lag, so that a check pausing its replay sees it
skipped, and back in use, within a few seconds."""


def streaming_standbys(primary_dsn: str) -> int:
    """How many replicas the primary is streaming to now (`pg_stat_replication`)."""
    with psycopg.connect(primary_dsn, autocommit=True) as connection:
        row = connection.execute(
            "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'"
        ).fetchone()
    return int(row[0]) if row else 0


class Standby:
    """The replica: `start()`, `stop(mode)`, `has_replayed(lsn)`; `close()` stops it, removes its folder."""

    def __init__(self, primary_port: int) -> None:
        self.port = free_port()
        self._root = Path(tempfile.mkdtemp(prefix="tessera-replica-"))
        self._data = self._root / "data"
        try:  # a failure or Ctrl-C half-way leaves nothing behind: the caller has no object to close yet
            self._make(primary_port)
        except BaseException:
            self.close()
            raise

    def _make(self, primary_port: int) -> None:
        if os.geteuid() == 0:  # the server programs run as postgres (`run_server_program`)
            shutil.chown(self._root, "postgres", "postgres")
        run_server_program(
            "pg_basebackup", "-D", str(self._data), "-h", "127.0.0.1", "-p", str(primary_port),
            "-U", "postgres", "-R", "-C", "-S", SLOT, "-X", "stream", "-c", "fast", "--no-sync",
        )  # fmt: skip
        with (self._data / "postgresql.conf").open("a") as conf:
            conf.write(f"port = {self.port}\nunix_socket_directories = '{self._root}'\nhot_standby = on\n")
        self.start()

    @property
    def url(self) -> str:
        """The SQLAlchemy URL the nodes read dashboards from (`database.read_url`)."""
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/tessera"

    def read_by_nodes(self) -> dict[str, str]:
        """The nodes' environment for reading dashboards from this replica (`database.read_url`)."""
        return {
            "TESSERA_DATABASE__READ_URL": self.url,
            "TESSERA_DATABASE__REPLICA_MAX_LAG_MS": str(REPLICA_MAX_LAG_MS),
        }

    @property
    def dsn(self) -> str:
        return f"host=127.0.0.1 port={self.port} user=postgres dbname=tessera connect_timeout=5"

    def start(self) -> None:
        log = str(self._root / "server.log")
        run_server_program("pg_ctl", "-D", str(self._data), "-l", log, "-w", "-t", "30", "start")

    def stop(self, mode: str = "fast") -> None:
        """`immediate` is a crash: no shutdown checkpoint, the connections simply drop."""
        run_server_program("pg_ctl", "-D", str(self._data), "-m", mode, "-w", "-t", "30", "stop")

    def has_replayed(self, lsn: str) -> bool:
        """Has the replica applied the WAL up to `lsn` (the primary's `pg_current_wal_lsn()`, say)?"""
        with psycopg.connect(self.dsn, autocommit=True) as connection:
            row = connection.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [lsn]).fetchone()
        return bool(row and row[0])

    def pause_replay(self) -> None:
        """The replica keeps receiving WAL but applies none of it: it falls behind on purpose."""
        with psycopg.connect(self.dsn, autocommit=True) as connection:
            connection.execute("SELECT pg_wal_replay_pause()")

    def resume_replay(self) -> None:
        with psycopg.connect(self.dsn, autocommit=True) as connection:
            connection.execute("SELECT pg_wal_replay_resume()")

    def wait_streaming(self, primary_dsn: str, timeout_s: float = 30.0) -> None:
        deadline = time.monotonic() + timeout_s
        while streaming_standbys(primary_dsn) < 1:
            if time.monotonic() > deadline:
                raise ClusterError(f"the replica did not stream within {timeout_s:.0f} s: {self.log_tail()}")
            time.sleep(0.1)

    def log_tail(self) -> str:
        try:
            return "\n".join((self._root / "server.log").read_text(errors="replace").splitlines()[-15:])
        except OSError:
            return "(no log)"

    def close(self) -> None:
        try:
            run_server_program("pg_ctl", "-D", str(self._data), "-m", "immediate", "-w", "stop", check=False)
        finally:
            shutil.rmtree(self._root, ignore_errors=True)
