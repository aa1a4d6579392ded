"""Count every request by route template, method and status, and time it.

Litestar's middleware runs once a route has matched, so a request no route matches (404, 405) would
never reach one; this wraps the app's ASGI handler instead (Litestar's exception handling around
its router), which every HTTP request goes through, answered or refused. The route is the matched
route's template (`scope["path_template"]`, set by the router), never the path itself: one label
value per route, whatever ids clients send; anything unmatched is `unmatched`. Litestar's own
Prometheus plug-in was not used: it counts in prometheus-client's global registry, which every app a
test process builds would share, and labels raw paths unless told otherwise.

Its cost, measured in process (tests/adapters/prometheus/test_request_metrics.py prints it): a few
microseconds a request, next to the dashboard API's ~5 ms of server CPU.
"""

from __future__ import annotations

import time
from typing import Protocol

from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ("UNMATCHED", "RequestMetrics", "RequestRecorder")

UNMATCHED = "unmatched"
"""The route of a request no route matched (404, 405): one value, whatever paths clients try."""


class RequestRecorder(Protocol):
    def request_answered(self, route: str, method: str, status: int, seconds: float) -> None: ...


class RequestMetrics:
    """An ASGI app around `app`; keeps no per-request state on itself."""

    def __init__(self, app: ASGIApp, recorder: RequestRecorder) -> None:
        self._app = app
        self._recorder = recorder

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await self._app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500  # what the server answers if the app raises before it starts a response

        async def send_and_note(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self._app(scope, receive, send_and_note)
        finally:
            route = scope.get("path_template") or UNMATCHED
            self._recorder.request_answered(route, scope["method"], status, time.perf_counter() - started)
