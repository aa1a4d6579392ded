"""A real `tessera serve` in another process, on a migrated SQLite file, for tests that need a server a
browser or a raw socket can reach: Litestar's `TestClient` answers in-process calls only, and a
browser speaks HTTP to a port. The real command is used rather than a server in a thread, so what the
test sees is what `tessera serve` serves, settings file, migration check, limits on clients and all.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import yaml

from tests.database import SECRET, migrate
from tests.removal import module_settings

__all__ = ("PORTS", "free_port", "served")

PORTS = range(18200, 18300)
"""The ports these tests may use, so they never take one another service on the machine expects."""

_START_TIMEOUT_S = 60


def _mine() -> range:
    """This test worker's share of `PORTS`. Between the probe below and the server's bind, another
    worker probing the same range found the same port free: its server failed to bind, and its test
    talked to this one's server until that stopped (a refused connection, once in CI). Each pytest
    worker (`gw0`, `gw1`, …) takes its own slice, so two never pick the same port."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")
    index, slices = (int(worker) if worker.isdigit() else 0), 4
    size = len(PORTS) // slices
    start = PORTS.start + (index % slices) * size
    return range(start, start + size)


def free_port() -> int:
    """The first port of this worker's share of `PORTS` nothing listens on; the server binds it a
    moment later."""
    for port in _mine():
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"every port from {PORTS.start} to {PORTS.stop - 1} is taken: stop a test server")


@contextmanager
def served(
    directory: Path,
    extra_settings: Mapping[str, Any] | None = None,
    options: Sequence[str] = (),
    server: Mapping[str, object] | None = None,
) -> Iterator[str]:
    """Migrate a SQLite file in `directory`, serve it with `tessera serve`; yield the base URL.

    `extra_settings` go into the settings file, `server` into its `server:` section (limits,
    workers), `options` onto the command. The server is stopped on the way out; its log is
    `directory / "serve.log"`, and in the failure message if it never answers.
    """
    database = directory / "tessera.db"
    migrate(f"sqlite:///{database}")
    port, log = free_port(), directory / "serve.log"
    settings = directory / "settings.yaml"
    raw = {
        "database": {"url": f"sqlite:///{database}"},
        "auth": {"jwt_secret": SECRET},
        "server": dict(server or {}),
        **module_settings(),
    }
    raw |= extra_settings or {}
    settings.write_text(yaml.safe_dump(raw))
    tessera = Path(sys.executable).with_name("tessera")
    command = [str(tessera), "--settings", str(settings), "serve", "--host", "127.0.0.1", "--port", str(port)]
    command += options
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=directory)  # noqa: S603
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_healthy(base, process, log)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def _wait_until_healthy(base: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + _START_TIMEOUT_S
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    state = "exited" if process.poll() is not None else f"did not answer in {_START_TIMEOUT_S} s"
    raise RuntimeError(f"tessera serve at {base} {state}:\n{log.read_text()}")
