"""Who is using a SQLite file: an OS lock on `<database>.lock`, held by `tessera serve` and `tessera demo`.

A second `make demo` used to reseed the very file a running demo served: its users' data was gone,
and the passwords it printed were not the ones the running server knew. The lock makes that
impossible. Servers share it (`tessera serve` processes may serve one file side by side); the demo
takes it alone, for as long as it prepares and serves, because it may create, reset or change the
file. `fcntl.flock` belongs to the open file, so the OS lets go when the process ends, however it
ends: a crashed demo never leaves a stale lock. The file also says who holds it, so a refusal can
say where the running one is. The lock file is deleted only with the demo database it guards
(`tessera demo --remove`, which `make clean` runs), while holding it.
"""

from __future__ import annotations

import fcntl
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kernel.errors import TesseraError

__all__ = ("DatabaseInUseError", "PortInUseError", "holding", "lock_file", "require_free_port")


class DatabaseInUseError(TesseraError):
    """Another process serves (or prepares) this database; the message names it and what to do."""


class PortInUseError(TesseraError):
    """Something already listens where the server would; found before any database is touched."""


def lock_file(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


@contextmanager
def holding(database: Path, holder: str, *, alone: bool, fix: str) -> Iterator[None]:
    """Hold the lock of `database` (`alone`: exclusively) while the block runs, or raise
    `DatabaseInUseError` at once, naming who holds it and ending with `fix`. Never waits."""
    path = lock_file(database)
    try:
        handle = path.open("a+", encoding="utf-8")
    except OSError as error:
        raise TesseraError(f"cannot open the lock file {path}: {error.strerror}") from None
    with handle:
        try:
            fcntl.flock(handle, (fcntl.LOCK_EX if alone else fcntl.LOCK_SH) | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            who = handle.read().strip() or "another process"
            raise DatabaseInUseError(f"{database} is in use by {who}: {fix}") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{holder} (pid {os.getpid()})\n")
        handle.flush()
        yield  # closing the file at the end of `with` releases the lock


def require_free_port(host: str, port: int) -> None:
    """Raise `PortInUseError` when `host:port` cannot be bound. SO_REUSEADDR, as the server sets, so a
    port a stopped server left in TIME_WAIT counts as free. The server also sets SO_REUSEPORT, and
    would share a port with another server already there: this check, without it, refuses instead."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except socket.gaierror as error:
        raise PortInUseError(f"cannot serve on {host}: {error.strerror}; pass --host 127.0.0.1") from None
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError:
            raise PortInUseError(
                f"port {port} on {host} is already in use: stop what serves there, or pass --port {port + 1}"
            ) from None
