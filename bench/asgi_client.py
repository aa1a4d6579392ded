"""An ASGI app called directly, in process: requests without a socket or an HTTP server, so the
CPU a benchmark counts is the app's own.

Imports nothing of Tessera: `bench/in_process_writes.py` imports it before it puts the tree it
measures (this one or a baseline's) first on `sys.path`.
"""

from __future__ import annotations

import asyncio
import cProfile
import pstats
import threading
import time
from collections.abc import Sequence
from typing import Any

__all__ = ("AsgiClient", "ThreadProfiles", "start_lifespan")


class AsgiClient:
    """Calls an ASGI app directly: one scope per request, the whole body in one message."""

    def __init__(self, app: Any) -> None:
        self._app = app
        self._never = asyncio.Event()

    async def request(
        self, method: str, path: str, query: str = "", token: str = "", body: bytes = b""
    ) -> tuple[int, bytes]:
        status, _, answer = await self.exchange(method, path, query, token, body)
        return status, answer

    async def exchange(
        self,
        method: str,
        path: str,
        query: str = "",
        token: str = "",
        body: bytes = b"",
        extra: Sequence[tuple[bytes, bytes]] = (),
    ) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
        """`request` with `extra` request headers (a cookie), answering the response's headers too."""
        headers = [(b"host", b"127.0.0.1:8000"), *extra]
        if token:
            headers.append((b"authorization", f"Bearer {token}".encode()))
        if body:
            headers += [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        scope = {
            "type": "http",
            "asgi": {"version": "3.0", "spec_version": "2.3"},
            "http_version": "1.1",
            "method": method,
            "scheme": "http",
            "path": path,
            "raw_path": path.encode(),
            "query_string": query.encode(),
            "root_path": "",
            "headers": headers,
            "client": ("127.0.0.1", 50000),
            "server": ("127.0.0.1", 8000),
            "state": {},
        }
        sent = False
        status = 0
        answered: list[tuple[bytes, bytes]] = []
        chunks: list[bytes] = []

        async def receive() -> dict[str, Any]:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            await self._never.wait()
            return {"type": "http.disconnect"}

        async def send(message: dict[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                answered.extend(message.get("headers", []))
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        await self._app(scope, receive, send)
        return status, answered, b"".join(chunks)


async def start_lifespan(app: Any) -> tuple[asyncio.Queue[dict[str, Any]], asyncio.Task[None]]:
    """The app's start-up run; put `{"type": "lifespan.shutdown"}` in the queue and await the task
    to shut it down."""
    inbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
    started = asyncio.Event()

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "lifespan.startup.complete":
            started.set()

    task = asyncio.create_task(app({"type": "lifespan", "asgi": {"version": "3.0"}}, inbox.get, send))
    await inbox.put({"type": "lifespan.startup"})
    await started.wait()
    return inbox, task


class ThreadProfiles:
    """cProfile sees one thread; requests run on several: one profile per thread, CPU time (not
    time spent waiting), merged at the end."""

    def __init__(self) -> None:
        self._profiles: list[cProfile.Profile] = []

    def start(self) -> None:
        def begin(*_: object) -> None:
            profile = cProfile.Profile(time.thread_time)
            self._profiles.append(profile)
            profile.enable()

        threading.setprofile(begin)
        begin()

    def clear(self) -> None:
        for profile in self._profiles:
            profile.clear()

    def dump(self, path: str) -> None:
        threading.setprofile(None)
        merged = None
        for profile in self._profiles:
            profile.create_stats()
            if profile.stats:  # a thread that ran nothing since the warm-up
                merged = pstats.Stats(profile) if merged is None else merged.add(profile)
        if merged is not None:
            merged.dump_stats(path)
