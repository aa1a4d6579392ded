"""A request's body must arrive within `server.body_timeout_s` of its headers, or it is answered 408.

The server bounds the wait for a request's headers (`server.header_timeout_s`), but no ASGI server
Tessera could run on (granian, uvicorn, hypercorn) bounds the wait for its body: a client that
announces a 1 MB body and sends a byte a second would hold a connection for days. The body reaches
the app only through `receive`, so the bound is kept here, where the app reads it: once the whole
body has come, `receive` is left alone (Litestar may still wait on it for a disconnect).

The 408 carries `Connection: close`, so the server drops the connection rather than read the rest
of a body nobody wants; `adapters/http/errors.py` gives it the API's error shape like any other
`HTTPException`. A client that leaves before its body is whole gets a 400 nobody reads, where
Litestar would raise a 500 and log its traceback: each slow client giving up would add 30 lines to
the log.
"""

from __future__ import annotations

import asyncio

from litestar.enums import ScopeType
from litestar.exceptions import HTTPException
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, Receive, ReceiveMessage, Scope, Send

__all__ = ("BodyDeadlineMiddleware", "BodyTimeoutError", "ClientLeftError")


class BodyTimeoutError(HTTPException):
    status_code = 408


class ClientLeftError(HTTPException):
    status_code = 400


class BodyDeadlineMiddleware(ASGIMiddleware):
    scopes = (ScopeType.HTTP,)

    def __init__(self, timeout_s: float) -> None:
        self._timeout_s = timeout_s

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        await next_app(scope, _bounded(receive, self._timeout_s), send)


def _bounded(receive: Receive, timeout_s: float) -> Receive:
    """`receive`, cut off `timeout_s` after this call until the last part of the body has come."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout_s
    complete = False

    async def receive_in_time() -> ReceiveMessage:
        nonlocal complete
        if complete:
            return await receive()
        try:
            async with asyncio.timeout(max(deadline - loop.time(), 0)):
                message = await receive()
        except TimeoutError:
            raise BodyTimeoutError(
                detail=f"the body did not arrive within {timeout_s:g} s of the headers: send it at once",
                headers={"Connection": "close"},
            ) from None
        if message["type"] == "http.disconnect":
            raise ClientLeftError(detail="the client closed the connection before sending the whole body")
        complete = not message.get("more_body", False)
        return message

    return receive_in_time
