"""pgbouncer in transaction pooling mode in front of the primary, as the nodes would meet it in production.

Its configuration is written here, into a folder of its own: trust on 127.0.0.1 (the user must still
be listed in `auth_file`), one database `tessera`, no Unix socket. It runs in the foreground in a
session of its own, as `postgres` when we are root (pgbouncer refuses to run as root), and the
whole session is killed on the way out.

`server_login_retry` is 1 s, not pgbouncer's 15: after a connection to a primary that was down
fails, pgbouncer refuses every client for that long before it tries the server again, and the
nodes' `/ready` came back 13 s after the primary did.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from contextlib import suppress
from pathlib import Path

import psycopg

from bench.pg_cluster import ClusterError, as_postgres
from bench.processes import free_port

__all__ = ("PGBOUNCER", "Bouncer")

PGBOUNCER = Path("/usr/sbin/pgbouncer")

_CONFIG = """\
[databases]
tessera = host=127.0.0.1 port={primary_port} dbname=tessera user=postgres

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {port}
unix_socket_dir =
auth_type = trust
auth_file = {root}/users.txt
admin_users = postgres
pool_mode = transaction
max_client_conn = 400
default_pool_size = 60
ignore_startup_parameters = {ignored}
server_connect_timeout = 3
server_login_retry = 1
logfile = {root}/pgbouncer.log
pidfile = {root}/pgbouncer.pid
"""


class Bouncer:
    """`url` is what the nodes are given; `close()` stops it and removes its folder.

    `ignored`: client startup parameters pgbouncer lets through without passing them on (it refuses
    a connection carrying any other it does not know)."""

    def __init__(self, primary_port: int, ignored: str = "extra_float_digits") -> None:
        if not PGBOUNCER.exists():
            raise ClusterError(f"{PGBOUNCER} is missing: run .ci/install-cluster-tools")
        self.port = free_port()
        self._root = Path(tempfile.mkdtemp(prefix="tessera-pgbouncer-"))
        config = self._root / "pgbouncer.ini"
        config.write_text(
            _CONFIG.format(primary_port=primary_port, port=self.port, root=self._root, ignored=ignored)
        )
        (self._root / "users.txt").write_text('"postgres" ""\n')
        if os.geteuid() == 0:
            shutil.chown(self._root, "postgres", "postgres")
        self._process = subprocess.Popen(  # noqa: S603 - the harness's own command
            [str(PGBOUNCER), str(config)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, start_new_session=True, **as_postgres(),
        )  # fmt: skip
        try:  # a failure or Ctrl-C while waiting leaves nothing behind: the caller has nothing to close
            self._wait_answering()
        except BaseException:
            self.close()
            raise

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/tessera"

    def clients(self, application_name: str) -> int:
        """How many client connections of that name pgbouncer holds (its console's `SHOW CLIENTS`)."""
        dsn = f"host=127.0.0.1 port={self.port} user=postgres dbname=pgbouncer connect_timeout=5"
        with psycopg.connect(dsn, autocommit=True, prepare_threshold=None) as console:
            cursor = console.execute("SHOW CLIENTS")
            names = [column.name for column in cursor.description or ()]
            rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        named = [row for row in rows if row["application_name"] == application_name]
        return sum(1 for row in named if row["database"] == "tessera")

    def _wait_answering(self, timeout_s: float = 15.0) -> None:
        """Answering means a query through it reaches the primary and comes back."""
        deadline = time.monotonic() + timeout_s
        dsn = f"host=127.0.0.1 port={self.port} user=postgres dbname=tessera connect_timeout=2"
        while True:
            if self._process.poll() is not None:
                raise ClusterError(f"pgbouncer exited with {self._process.returncode}:\n{self.log_tail()}")
            try:
                with psycopg.connect(dsn, autocommit=True, prepare_threshold=None) as connection:
                    connection.execute("SELECT 1")
                return
            except psycopg.OperationalError as error:
                if time.monotonic() > deadline:
                    said = f"pgbouncer did not answer within {timeout_s:.0f} s:\n{self.log_tail()}"
                    raise ClusterError(said) from error
                time.sleep(0.1)

    def log_tail(self) -> str:
        try:
            return "\n".join((self._root / "pgbouncer.log").read_text(errors="replace").splitlines()[-15:])
        except OSError:
            return "(no log)"

    def close(self) -> None:
        try:
            if self._process.poll() is None:
                with suppress(ProcessLookupError):
                    os.killpg(self._process.pid, signal.SIGTERM)
                with suppress(subprocess.TimeoutExpired):
                    self._process.wait(timeout=5)
            with suppress(ProcessLookupError):
                os.killpg(self._process.pid, signal.SIGKILL)
            self._process.wait()
        finally:
            shutil.rmtree(self._root, ignore_errors=True)
