"""The real app served by uvicorn on a thread of the test process, against the fault cluster.

A real server, unlike Litestar's `TestClient`, runs handlers on the thread pools the app sets up,
answers requests at once from many client threads, and lets the test look inside the same process
afterwards (the container's connection pools).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import uvicorn

from adapters.bootstrap import bootstrap
from adapters.container import Container
from adapters.http.app import create_app
from adapters.settings_file import settings_from_mapping
from tests.database import SECRET
from tests.removal import module_settings

__all__ = ("Served", "served")


class Served:
    def __init__(self, base: str, container: Container) -> None:
        self.base = base
        self.container = container

    def client(self, timeout_s: float = 30) -> httpx.Client:
        return httpx.Client(base_url=self.base, timeout=timeout_s)

    def checked_out(self) -> int:
        """Connections lent out by both pools: the requests' and the dashboards'."""
        pools = (self.container.engine().pool, self.container.metrics_engine().pool)
        return sum(pool.checkedout() for pool in pools)  # type: ignore[attr-defined]

    def all_returned(self, within_s: float = 5) -> bool:
        """Every connection back in its pool within `within_s` (a worker returns it just after answering)."""
        deadline = time.monotonic() + within_s
        while self.checked_out() and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.checked_out() == 0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def served(url: str, settings: dict[str, Any]) -> Iterator[Served]:
    """Serve the app for the database at `url`, with `settings` merged in per section."""
    raw: dict[str, Any] = {"database": {"url": url}, "auth": {"jwt_secret": SECRET}, **module_settings()}
    for section, values in settings.items():
        raw[section] = {**raw.get(section, {}), **values}
    container = bootstrap(settings_from_mapping(raw, source="fault test settings"))
    port = _free_port()
    config = uvicorn.Config(create_app(container), host="127.0.0.1", port=port, log_config=None)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="fault-test-server", daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_healthy(base)
        yield Served(base, container)
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        container.shutdown_resources()


def _wait_until_healthy(base: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.05)
    raise RuntimeError(f"the app at {base} did not start")
