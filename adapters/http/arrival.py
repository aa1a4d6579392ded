"""Stamp each request with the moment it was whole, for the budgets that count from it.

A write's lock budget (`adapters/database/lock_budget.py`) bounds what its caller waits, and the
caller waits from the moment it has sent the request: for a worker thread, for the tenant look-up,
then for its locks. Counting the budget from the transaction's first statement let writes answer
80 ms past their bound under a stall. The stamp is taken when the headers have come, and again when
the last part of a body has (its upload is the client's time, bounded by `server.body_timeout_s`).
This is the app's outermost middleware, so nothing before it can make the request wait.
"""

from __future__ import annotations

import time

from litestar.enums import ScopeType
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, Receive, ReceiveMessage, Scope, Send

from adapters.database.lock_budget import request_arrived

__all__ = ("ArrivalMiddleware",)


class ArrivalMiddleware(ASGIMiddleware):
    scopes = (ScopeType.HTTP,)

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        request_arrived(time.monotonic())

        async def receive_and_stamp() -> ReceiveMessage:
            message = await receive()
            if message["type"] == "http.request" and not message.get("more_body", False):
                request_arrived(time.monotonic())
            return message

        await next_app(scope, receive_and_stamp, send)
