"""The floor: the statements Tessera's providers send, replayed through the bare driver.

    BENCH_FLOOR_PLAN=/path/plan.pickle granian --interface asgi bench.floor_app:app --workers 2

A plain ASGI callable, no framework, one database connection per worker process (psycopg 3 or the
standard library's sqlite3), the recorded statements run one after another with their recorded
bound parameters on every request. No auth, no tenant look-up, no ORM, no thread hop: what is left
is the database's own work plus the least a Python HTTP server can add, which is what Tessera's
latency is compared with. The statements run one after another, where Tessera runs its providers
side by side: under the benchmark's load every core is already busy with other requests.
"""

from __future__ import annotations

import json
import os
import pickle
import sqlite3
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import psycopg

__all__ = ("PLAN_VARIABLE", "FloorApp", "FloorPlan", "app")

PLAN_VARIABLE = "BENCH_FLOOR_PLAN"

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


@dataclass(frozen=True)
class FloorPlan:
    """What to replay: `target` is the SQLite file or the PostgreSQL conninfo; `routes` maps a
    request path to its statements, each `(sql, parameters)` exactly as SQLAlchemy handed them
    to the driver (so already in the driver's paramstyle)."""

    database: Literal["sqlite", "postgresql"]
    target: str
    routes: dict[str, list[tuple[str, Any]]] = field(default_factory=dict)

    def save(self, path: Path) -> None:
        path.write_bytes(pickle.dumps(self))

    @classmethod
    def load(cls, path: Path) -> FloorPlan:
        # The harness wrote this file moments before starting the server; parameters include
        # datetimes, which pickle keeps exactly as the driver received them.
        plan = pickle.loads(path.read_bytes())  # noqa: S301
        if not isinstance(plan, cls):
            raise TypeError(f"{path} holds no floor plan")
        return plan


class FloorApp:
    """Opens its connection on first use, so importing the module in the server's master does nothing."""

    def __init__(self) -> None:
        self._plan: FloorPlan | None = None
        self._connection: Any = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
        elif scope["type"] == "http":
            await self._http(scope, send)

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                if self._connection is not None:
                    self._connection.close()
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def _http(self, scope: Scope, send: Send) -> None:
        plan = self._loaded()
        path = scope["path"]
        if path == "/ready":
            await _respond(send, 200, {"status": "ready"})
            return
        statements = plan.routes.get(path)
        if statements is None:
            await _respond(send, 404, {"detail": f"no statements recorded for {path}"})
            return
        await _respond(send, 200, self.replay(path))

    def replay(self, path: str) -> dict[str, int]:
        """Runs the statements recorded for `path`, one after another, on this worker's connection."""
        plan = self._loaded()
        statements = plan.routes[path]
        rows = 0
        cursor = self._connected(plan).cursor()
        try:
            for sql, parameters in statements:
                cursor.execute(sql, parameters)
                rows += len(cursor.fetchall())
        finally:
            cursor.close()
        return {"statements": len(statements), "rows": rows}

    def _loaded(self) -> FloorPlan:
        if self._plan is None:
            self._plan = FloorPlan.load(Path(os.environ[PLAN_VARIABLE]))
        return self._plan

    def _connected(self, plan: FloorPlan) -> Any:
        """Autocommit: each statement is its own transaction, the least a driver can do."""
        if self._connection is None:
            if plan.database == "sqlite":
                self._connection = sqlite3.connect(plan.target, isolation_level=None)
            else:
                self._connection = psycopg.connect(plan.target, autocommit=True)
        return self._connection


async def _respond(send: Send, status: int, body: dict[str, Any]) -> None:
    payload = json.dumps(body).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": payload})


app = FloorApp()
