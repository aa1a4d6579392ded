"""A PostgreSQL cluster of our own, on its own port, that fault tests and the fault benchmark may stop.

Stopping, pausing or locking the shared server at 127.0.0.1:5432 would harm every other test and
anything else using it, so faults are played on a throwaway cluster: `initdb` into a temporary
folder, `pg_ctl` to start and stop it, and signals to pause its backends. Debian keeps the server
programs in /usr/lib/postgresql/<version>/bin, off the PATH. PostgreSQL refuses to run as root, so
as root every server command runs as the `postgres` user, which owns the folder.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
from pathlib import Path
from types import TracebackType
from typing import TypedDict

import psycopg

__all__ = (
    "AsPostgres",
    "ClusterError",
    "TemporaryCluster",
    "as_postgres",
    "run_server_program",
    "server_programs",
)


class ClusterError(RuntimeError):
    """The temporary cluster could not be made, started or stopped; the message says why."""


def server_programs() -> Path | None:
    """The newest installed PostgreSQL's bin folder (holding initdb and pg_ctl), or None."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name))
    if found:
        return found[-1].parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


class AsPostgres(TypedDict, total=False):
    user: str
    group: str
    extra_groups: list[str]


def as_postgres() -> AsPostgres:
    """`subprocess` arguments that run a program as `postgres` when we are root, with no `runuser`
    between: a harness interrupted mid-command kills the program itself, not a wrapper that would
    leave it running (a `pg_basebackup` still writing into a folder being removed)."""
    if os.geteuid() != 0:
        return {}
    return {"user": "postgres", "group": "postgres", "extra_groups": []}


def run_server_program(program: str, *arguments: str, check: bool = True) -> str:
    """Run one of PostgreSQL's server programs (`initdb`, `pg_ctl`, `pg_basebackup`) and return its
    output; as root it runs as `postgres`, since the server refuses to run as root."""
    programs = server_programs()
    if programs is None:
        raise ClusterError("PostgreSQL's server programs (initdb, pg_ctl) are not installed")
    command = [str(programs / program), *arguments]
    done = subprocess.run(  # noqa: S603 - our own arguments
        command, capture_output=True, text=True, check=False, **as_postgres()
    )
    if check and done.returncode != 0:
        said = (done.stderr or done.stdout).strip()
        raise ClusterError(f"{program} failed ({done.returncode}): {said}")
    return done.stdout


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class TemporaryCluster:
    """One cluster in a temporary folder: `start()`, `stop()`, `pause_backends()`, `close()` removes it."""

    def __init__(self, database: str = "tessera", settings: str = "") -> None:
        """`settings`: more lines for its postgresql.conf (a replication primary's, say)."""
        if server_programs() is None:
            raise ClusterError("PostgreSQL's server programs (initdb, pg_ctl) are not installed")
        self.database = database
        self.port = _free_port()
        self._root = Path(tempfile.mkdtemp(prefix="tessera-pg-"))
        self._data = self._root / "data"
        try:  # a failure or Ctrl-C half-way leaves no server running: the caller has nothing to close
            self._make(settings)
        except BaseException:
            self.close()
            raise

    def _make(self, settings: str) -> None:
        if os.geteuid() == 0:
            shutil.chown(self._root, "postgres", "postgres")
        self._run("initdb", "-D", str(self._data), "-A", "trust", "-U", "postgres", "--no-sync")
        lines = (
            f"port = {self.port}\nlisten_addresses = '127.0.0.1'\n"
            f"unix_socket_directories = '{self._root}'\nfsync = off\nmax_connections = 200\n{settings}"
        )
        with (self._data / "postgresql.conf").open("a") as conf:
            conf.write(lines)
        self.start()
        self._admin(f'CREATE DATABASE "{self.database}"')

    @property
    def url(self) -> str:
        """The SQLAlchemy URL of the cluster's database."""
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{self.database}"

    def start(self) -> None:
        log = str(self._root / "server.log")
        self._run("pg_ctl", "-D", str(self._data), "-l", log, "-w", "-t", "30", "start")

    def stop(self, mode: str = "fast") -> None:
        """`fast` ends every session (clients see their connections drop); `immediate` skips checkpoints."""
        self._run("pg_ctl", "-D", str(self._data), "-m", mode, "-w", "-t", "30", "stop")

    def backend_pids(self, application_name: str | None = None) -> list[int]:
        """Client backends of the cluster's database, other than the one asking."""
        query = (
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND backend_type = 'client backend'"
            " AND pid <> pg_backend_pid()"
        )
        params: list[object] = [self.database]
        if application_name is not None:
            query += " AND application_name = %s"
            params.append(application_name)
        with psycopg.connect(self._dsn(self.database), autocommit=True) as connection:
            return [row[0] for row in connection.execute(query, params).fetchall()]

    def pause_backends(self, pids: list[int]) -> None:
        """SIGSTOP: each backend keeps its socket and answers nothing, not even a cancel request."""
        for pid in pids:
            os.kill(pid, signal.SIGSTOP)

    def resume_backends(self, pids: list[int]) -> None:
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):  # it ended while paused
                os.kill(pid, signal.SIGCONT)

    def close(self) -> None:
        """Stop the server if it runs and remove the folder."""
        try:
            self._run("pg_ctl", "-D", str(self._data), "-m", "immediate", "-w", "stop", check=False)
        finally:
            shutil.rmtree(self._root, ignore_errors=True)

    def __enter__(self) -> TemporaryCluster:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def _dsn(self, database: str) -> str:
        return f"host=127.0.0.1 port={self.port} user=postgres dbname={database} connect_timeout=5"

    def _admin(self, statement: str) -> None:
        with psycopg.connect(self._dsn("postgres"), autocommit=True) as connection:
            connection.execute(statement.encode())

    def _run(self, program: str, *arguments: str, check: bool = True) -> None:
        run_server_program(program, *arguments, check=check)
